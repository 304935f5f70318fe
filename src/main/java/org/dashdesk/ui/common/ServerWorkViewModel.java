package org.dashdesk.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every screen that talks to the central server shows about that work: busy while a request
 * runs in the background, the last error in words, and the last outcome in words.
 */
public abstract class ServerWorkViewModel {

    protected final BooleanProperty busy = new SimpleBooleanProperty();
    protected final StringProperty error = new SimpleStringProperty();
    protected final StringProperty message = new SimpleStringProperty();

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
