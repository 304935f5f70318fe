/**
 * The JavaFX desktop client: views and view models, one sub-package per screen. The only package
 * that may use JavaFX scenes or ControlsFX; it never writes SQL.
 */
package org.dashdesk.ui;
