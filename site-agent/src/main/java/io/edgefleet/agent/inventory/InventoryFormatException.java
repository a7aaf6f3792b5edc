package io.edgefleet.agent.inventory;

/** A site inventory file that cannot be read or is not valid; the message names the file and the field. */
public class InventoryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InventoryFormatException(String message) {
        super(message);
    }

    public InventoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
