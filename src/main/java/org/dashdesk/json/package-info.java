/**
 * The one configured Jackson set-up for the whole program (desk and server): canonical, strict
 * and pretty mappers ({@link org.dashdesk.json.JsonMappers}). Depends on no other DASH Desk
 * package, so the domain may use it. Decision 0141.
 */
package org.dashdesk.json;
