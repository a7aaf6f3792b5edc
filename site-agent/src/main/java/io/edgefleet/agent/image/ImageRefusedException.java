package io.edgefleet.agent.image;

/** A fetched image whose bytes do not have the digest it was asked by; nothing of it is kept. */
public class ImageRefusedException extends RuntimeException {
    public ImageRefusedException(String message) {
        super(message);
    }
}
