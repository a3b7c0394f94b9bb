package org.carebot.connectors;

/** A request body a connector cannot read. The message says what is wrong, for the 400 answer. */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(String reason) {
        super(reason);
    }
}
