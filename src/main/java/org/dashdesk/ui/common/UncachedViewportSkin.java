package org.dashdesk.ui.common;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.skin.ScrollPaneSkin;

/**
 * The scroll pane's own skin with its viewport's bitmap cache turned off; base.css gives it to
 * every scroll pane (decision 0180).
 *
 * <p>JavaFX's skin caches the viewport as a bitmap the size of the visible area, taken from the
 * renderer's pool of effect images. When the screen is thrown away (every sign-out and sign-in
 * builds new screens) that bitmap is never handed back: the pool keeps it as "in use", and its own
 * housekeeping touches it on every frame, so the collector never frees it. Each sign-in left two
 * full-window bitmaps behind (8 MB at 1366×768), and memory grew with every sign-out and sign-in.
 * Our screens are forms and lists that redraw cheaply, so nothing is lost without the cache.
 */
public class UncachedViewportSkin extends ScrollPaneSkin {

    public UncachedViewportSkin(ScrollPane control) {
        super(control);
        for (Node child : getChildren()) {
            if (child.getStyleClass().contains("viewport")) {
                child.setCache(false);
            }
        }
    }
}
