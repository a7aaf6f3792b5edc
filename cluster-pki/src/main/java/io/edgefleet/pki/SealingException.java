package io.edgefleet.pki;

/**
 * Sealed content could not be opened: not sealed for this recipient, the wrong private key, or content,
 * wrapped key or associated data altered. The message says which step failed, never any key material.
 */
public final class SealingException extends RuntimeException {
    public SealingException(String message) {
        super(message);
    }

    public SealingException(String message, Throwable cause) {
        super(message, cause);
    }
}
