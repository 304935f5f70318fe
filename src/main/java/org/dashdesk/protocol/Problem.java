package org.dashdesk.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error reply of the protocol.
 *
 * @param error  a stable code: {@code conflict}, {@code invalid}, {@code unauthorized},
 *               {@code forbidden}, {@code too_large}, {@code not_found}, {@code server_error}
 * @param reason a sentence for people, never containing assessment content
 * @param field  for {@code invalid}: the JSON path at fault, when known
 * @param head   for a {@code conflict} over the base revision: the server's current head
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String error, String reason, String field, Head head) {

    public static Problem of(String error, String reason) {
        return new Problem(error, reason, null, null);
    }
}
