/** Tests of the documents made from an assessment: the PDF's text is read back with PDFBox. */
package org.dashdesk.document;
