package org.dashdesk.ui;

import java.util.Set;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;

/**
 * Issue 11's check of a screen as drawn: every visible label, button and link whose drawn text is
 * shorter than its text (JavaFX ended it in "…"), or whose text is an enum or setting key
 * ("VISIBLE_HIGH_RISK", "central.endpoint"), or a list of words that scrolls sideways. The cells
 * of data tables are left out: a table may scroll sideways, as WCAG allows for data tables; their
 * column headings are not.
 */
public final class CutWords {

    /** An enum or setting key on screen: words, not codes. */
    public static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}(_[A-Z0-9]+)+\\b|\\b[a-z]{3,}\\.[a-z]{3,}\\b");

    private CutWords() {
    }

    /** Adds every cut or coded text under {@code node}, as "where: text …", to {@code found}; returns how many were checked. */
    public static int collect(Node node, String where, Set<String> found) {
        if (!node.isVisible() || node instanceof TableCell<?, ?>) {
            return 0;
        }
        int checked = 0;
        if (node instanceof javafx.scene.control.ListView<?> list) {
            // A list of words (sections, comments) wraps; a sideways scroll bar hides the end of its words.
            for (Node bar : list.lookupAll(".scroll-bar")) {
                if (bar instanceof javafx.scene.control.ScrollBar sb && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL
                        && sb.isVisible()) {
                    found.add(where + ": the list " + (list.getId() == null ? list.getAccessibleText() : "#" + list.getId())
                            + " scrolls sideways");
                }
            }
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            checked++;
            if (CODE.matcher(l.getText()).find()) {
                found.add(where + ": \"" + l.getText() + "\" shows a code, not words");
            }
            String ellipsis = l.getEllipsisString();
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t && t.isVisible() && t.getText() != null && !t.getText().equals(l.getText())
                        && t.getText().endsWith(ellipsis) && !l.getText().endsWith(ellipsis)) {
                    found.add(where + ": \"" + l.getText() + "\" drawn as \"" + t.getText() + "\"");
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                checked += collect(child, where, found);
            }
        }
        return checked;
    }
}
