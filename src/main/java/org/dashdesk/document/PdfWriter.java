package org.dashdesk.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes a {@link CaseDocument} (the MARAC referral, the DASH summary) as an A4 PDF with Apache PDFBox. The text is set in DejaVu Sans,
 * embedded (subset), so Welsh, Polish and other Latin, Greek and Cyrillic names print as typed
 * (a character the font lacks is printed as "?", never dropped silently). Every page is marked
 * OFFICIAL-SENSITIVE and numbered; the document's metadata carries no personal data.
 */
public final class PdfWriter {

    private static final float MARGIN = 50;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN - 14;
    private static final float BOTTOM = MARGIN + 24;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float LABEL_WIDTH = 150;
    private static final float TEXT = 10;
    private static final float LEADING = 13.5f;
    public static final String MARKING = "OFFICIAL-SENSITIVE";

    private PdfWriter() {
    }

    /** The PDF's bytes. */
    public static byte[] render(CaseDocument referral) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = font(doc, "DejaVuSans.ttf");
            PDType0Font bold = font(doc, "DejaVuSans-Bold.ttf");
            Layout layout = new Layout(doc, regular, bold);
            layout.block(bold, 16, 0, WIDTH, referral.title(), 22);
            layout.gap(6);
            for (DocumentSection s : referral.sections()) {
                layout.gap(8);
                layout.keepWithNext(3 * LEADING);
                layout.block(bold, 12, 0, WIDTH, s.heading(), 17);
                for (DocumentSection.Line line : s.lines()) {
                    if (line.label() == null) {
                        layout.block(regular, TEXT, 0, WIDTH, line.value(), LEADING);
                    } else {
                        layout.labelled(line.label(), line.value());
                    }
                }
            }
            layout.gap(12);
            for (String source : referral.sources()) {
                layout.block(regular, 8, 0, WIDTH, source, 10.5f);
            }
            layout.finish();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(referral.title());
            info.setProducer("DASH Desk");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Writes the PDF to {@code target} whole or not at all (a temporary file beside it, then a move). */
    public static void write(CaseDocument referral, Path target) throws IOException {
        byte[] pdf = render(referral);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".dashdesk-", ".pdf.part");
        try {
            Files.write(temp, pdf);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static PDType0Font font(PDDocument doc, String name) throws IOException {
        try (InputStream in = PdfWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the font " + name + " is missing from the application");
            }
            return PDType0Font.load(doc, in);
        }
    }

    /** Pages, a cursor down them, and the text set on them. */
    private static final class Layout {
        private final PDDocument doc;
        private final PDType0Font regular;
        private final PDType0Font bold;
        private final List<PDPage> pages = new ArrayList<>();
        private final Map<Integer, String> printable = new HashMap<>();
        private PDPageContentStream out;
        private float y;

        Layout(PDDocument doc, PDType0Font regular, PDType0Font bold) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            pages.add(page);
            out = new PDPageContentStream(doc, page);
            y = TOP;
        }

        void gap(float points) {
            y -= points;
        }

        void keepWithNext(float points) throws IOException {
            if (y - points < BOTTOM) {
                newPage();
            }
        }

        /** A paragraph wrapped to {@code width}, starting {@code indent} from the margin. */
        void block(PDType0Font font, float size, float indent, float width, String text, float leading) throws IOException {
            for (String line : wrap(font, size, width, text)) {
                if (y - leading < BOTTOM) {
                    newPage();
                }
                y -= leading;
                show(font, size, MARGIN + indent, y, line);
            }
        }

        /** A label in the left column and its value wrapped beside it. */
        void labelled(String label, String value) throws IOException {
            List<String> labels = wrap(bold, 9, LABEL_WIDTH - 8, label);
            List<String> values = wrap(regular, TEXT, WIDTH - LABEL_WIDTH, value);
            int rows = Math.max(labels.size(), values.size());
            for (int i = 0; i < rows; i++) {
                if (y - LEADING < BOTTOM) {
                    newPage();
                }
                y -= LEADING;
                if (i < labels.size()) {
                    show(bold, 9, MARGIN, y, labels.get(i));
                }
                if (i < values.size()) {
                    show(regular, TEXT, MARGIN + LABEL_WIDTH, y, values.get(i));
                }
            }
            y -= 2;
        }

        private void show(PDType0Font font, float size, float x, float at, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, at);
            out.showText(text);
            out.endText();
        }

        /** Marks and numbers every page once all are laid out. */
        void finish() throws IOException {
            out.close();
            int n = pages.size();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream s = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
                    out = s;
                    float markWidth = bold.getStringWidth(MARKING) / 1000 * 9;
                    show(bold, 9, (PDRectangle.A4.getWidth() - markWidth) / 2, PDRectangle.A4.getHeight() - MARGIN + 10, MARKING);
                    show(bold, 9, (PDRectangle.A4.getWidth() - markWidth) / 2, MARGIN - 20, MARKING);
                    String page = "Page " + (i + 1) + " of " + n;
                    show(regular, 8, MARGIN + WIDTH - regular.getStringWidth(page) / 1000 * 8, MARGIN - 20, page);
                }
            }
        }

        /** The text as lines no wider than {@code width}; characters the font lacks become "?". */
        private List<String> wrap(PDType0Font font, float size, float width, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String paragraph : printable(font, text).split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                for (String word : paragraph.split(" +")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    String candidate = line.isEmpty() ? word : line + " " + word;
                    if (width(font, size, candidate) <= width) {
                        line.setLength(0);
                        line.append(candidate);
                        continue;
                    }
                    if (!line.isEmpty()) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    // A word wider than the column (a pasted reference, a long address) is broken by characters.
                    String rest = word;
                    while (width(font, size, rest) > width) {
                        int cut = rest.length() - 1;
                        while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) {
                            cut--;
                        }
                        lines.add(rest.substring(0, cut));
                        rest = rest.substring(cut);
                    }
                    line.append(rest);
                }
                lines.add(line.toString());
            }
            return lines;
        }

        private static float width(PDType0Font font, float size, String s) throws IOException {
            return font.getStringWidth(s) / 1000 * size;
        }

        /** Control characters out, tabs as spaces, and "?" for what the font cannot draw. */
        private String printable(PDType0Font font, String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ').codePoints().forEach(cp -> {
                if (cp == '\n') {
                    b.append('\n');
                } else if (Character.isISOControl(cp)) {
                    b.append(' ');
                } else {
                    b.append(printable.computeIfAbsent(cp, k -> {
                        String ch = new String(Character.toChars(k));
                        try {
                            font.encode(ch);
                            return ch;
                        } catch (IOException | IllegalArgumentException e) {
                            return "?";
                        }
                    }));
                }
            });
            return b.toString();
        }
    }
}
