package io.edgefleet.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtRestCipherTest {
    private static final byte[] ROW = "cluster demo-3".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        AtRestCipher cipher = new AtRestCipher("kek-1", randomKey());
        byte[] plain = "the cluster's secrets".getBytes(StandardCharsets.UTF_8);
        byte[] first = cipher.encrypt(plain, ROW);
        byte[] second = cipher.encrypt(plain, ROW);
        assertFalse(Arrays.equals(first, second), "same plaintext, same key: the boxes must still differ");
        assertArrayEquals(plain, cipher.decrypt(first, ROW));
        assertArrayEquals(plain, cipher.decrypt(second, ROW));
    }

    @Test
    void anotherRowAlteredBytesOrAnotherKeyFail() {
        byte[] key = randomKey();
        AtRestCipher cipher = new AtRestCipher("kek-1", key);
        byte[] box = cipher.encrypt(new byte[] {1, 2, 3}, ROW);
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(box, "cluster demo-4".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < box.length; i++) {
            byte[] altered = box.clone();
            altered[i] ^= 1;
            assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(altered, ROW), "byte " + i);
        }
        IllegalArgumentException rotated = assertThrows(IllegalArgumentException.class,
                () -> new AtRestCipher("kek-2", randomKey()).decrypt(box, ROW));
        assertTrue(rotated.getMessage().contains("made under key kek-1"), rotated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AtRestCipher("kek-1", randomKey()).decrypt(box, ROW),
                "same id, other key");
    }

    @Test
    void readsAnOwnerOnlyKeyFileAndNamesTheKeyByItsFingerprint() throws Exception {
        byte[] key = randomKey();
        Path file = keyFile("kek.b64", Base64.getEncoder().encodeToString(key) + "\n", "rw-------");
        AtRestCipher cipher = AtRestCipher.fromFile(file);
        assertTrue(cipher.keyId().matches("kek-[0-9a-f]{16}"), cipher.keyId());
        assertEquals(cipher.keyId(), AtRestCipher.fromFile(keyFile("copy.b64", Base64.getEncoder().encodeToString(key), "r--------")).keyId());
        byte[] box = cipher.encrypt(new byte[] {9}, ROW);
        assertArrayEquals(new byte[] {9}, AtRestCipher.fromFile(file).decrypt(box, ROW));
        assertNotEquals(cipher.keyId(), AtRestCipher.fromFile(keyFile("other.b64",
                Base64.getEncoder().encodeToString(randomKey()), "rw-------")).keyId());
    }

    @Test
    void refusesAKeyFileOthersCanReadOrThatIsNotThirtyTwoBytesWithoutShowingIt() throws Exception {
        String text = Base64.getEncoder().encodeToString(randomKey());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> AtRestCipher.fromFile(keyFile("open.b64", text, "rw-r--r--")));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> AtRestCipher.fromFile(keyFile("short.b64", shortKey, "rw-------")));
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> AtRestCipher.fromFile(keyFile("garbage.b64", "not*base64!secret", "rw-------")));
        assertFalse(garbage.getMessage().contains("secret"), garbage.getMessage());
        assertFalse(open.getMessage().contains(text), open.getMessage());
    }

    private Path keyFile(String name, String content, String permissions) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
