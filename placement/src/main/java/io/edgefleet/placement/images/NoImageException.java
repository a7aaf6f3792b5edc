package io.edgefleet.placement.images;

/** A Kubernetes version the image catalogue has no node image for; the message says which versions it has. */
public class NoImageException extends RuntimeException {
    public NoImageException(String message) {
        super(message);
    }
}
