package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

class X25519KeysTest {
    /**
     * The two halves of the conversion must agree: X25519(private from the seed, base point) equals the
     * Montgomery form of the Ed25519 public key of the same seed, for any seed.
     */
    @Test
    void convertedPrivateAndPublicKeysAgreeOverManySeeds() {
        Random random = new Random(7748);
        for (int i = 0; i < 500; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] edPublic = new byte[32];
            Ed25519.generatePublicKey(seed, 0, edPublic, 0);
            byte[] fromBasePoint = new byte[32];
            X25519.scalarMultBase(X25519Keys.privateFromEd25519Seed(seed), 0, fromBasePoint, 0);
            assertArrayEquals(fromBasePoint, X25519Keys.publicFromEd25519(edPublic), "seed " + HexFormat.of().formatHex(seed));
        }
    }

    /** The Ed25519 and X25519 base points are the same point: y = 4/5 maps to u = 9. */
    @Test
    void theEd25519BasePointMapsToTheX25519BasePoint() {
        byte[] edBase = HexFormat.of().parseHex("5866666666666666666666666666666666666666666666666666666666666666");
        byte[] nine = new byte[32];
        nine[0] = 9;
        assertArrayEquals(nine, X25519Keys.publicFromEd25519(edBase));
    }

    @Test
    void generatedPairsAgreeWithPublicOfAndAgreeOnASharedSecret() {
        byte[][] alice = X25519Keys.generate();
        byte[][] bob = X25519Keys.generate();
        assertArrayEquals(alice[1], X25519Keys.publicOf(alice[0]));
        byte[] aliceShared = new byte[32];
        byte[] bobShared = new byte[32];
        X25519.calculateAgreement(alice[0], 0, bob[1], 0, aliceShared, 0);
        X25519.calculateAgreement(bob[0], 0, alice[1], 0, bobShared, 0);
        assertArrayEquals(aliceShared, bobShared);
    }

    @Test
    void refusesKeysOfTheWrongSizeAndPointsNotOnTheCurveOrOfSmallOrder() {
        assertThrows(IllegalArgumentException.class, () -> X25519Keys.publicFromEd25519(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> X25519Keys.privateFromEd25519Seed(new byte[33]));
        byte[] neutral = new byte[32];
        neutral[0] = 1; // y = 1: the neutral point, which would make 1 - y zero
        assertThrows(IllegalArgumentException.class, () -> X25519Keys.publicFromEd25519(neutral));
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2; // y = 2 has no x on edwards25519
        assertThrows(IllegalArgumentException.class, () -> X25519Keys.publicFromEd25519(notOnCurve));
    }
}
