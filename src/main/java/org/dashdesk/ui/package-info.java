/**
 * The JavaFX desktop client: views and view models, one sub-package per screen. The only package
 * that may use JavaFX scenes (plain JavaFX controls; no third-party control library is used). It
 * never writes SQL, and only its composition root ({@link org.dashdesk.ui.StoreServices}) names
 * store classes; view models use no scene or stage, so they test without a window (all checked by
 * the architecture test).
 */
package org.dashdesk.ui;
