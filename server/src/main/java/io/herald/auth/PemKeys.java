package io.herald.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads public keys from PEM files: a {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo, what
 * {@code openssl pkey -pubout} writes) or a {@code CERTIFICATE} block (its public key is used).
 * Text around the block is ignored.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message starts with the config key
 * ({@code "token.rsaPublicKey: ..."}) and says what was wrong and what is expected. Stateless.
 */
final class PemKeys {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  private PemKeys() {}

  /** Reads an RSA public key from the PEM file at {@code path}, configured under {@code key}. */
  static RSAPublicKey readRsa(String path, String key) {
    PublicKey publicKey = read(path, key, "RSA");
    if (publicKey instanceof RSAPublicKey rsa) {
      return rsa;
    }
    throw notOfType(path, key, "RSA");
  }

  /** Reads an EC public key from the PEM file at {@code path}, configured under {@code key}. */
  static ECPublicKey readEc(String path, String key) {
    PublicKey publicKey = read(path, key, "EC");
    if (publicKey instanceof ECPublicKey ec) {
      return ec;
    }
    throw notOfType(path, key, "EC");
  }

  private static PublicKey read(String path, String key, String algorithm) {
    String text = readFile(path, key);
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String label = block.group(1);
      switch (label) {
        case "PUBLIC KEY" -> {
          return decodePublicKey(base64(block.group(2), path, key), path, key, algorithm);
        }
        case "CERTIFICATE" -> {
          return decodeCertificate(base64(block.group(2), path, key), path, key);
        }
        case "RSA PUBLIC KEY" -> throw new IllegalArgumentException(key + ": " + path
            + " holds a PKCS#1 RSA PUBLIC KEY; convert it to a PUBLIC KEY block with"
            + " 'openssl rsa -RSAPublicKey_in -in " + path + " -pubout'");
        default -> {
          if (label.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException(key + ": " + path + " holds a private key;"
                + " configure the public key instead ('openssl pkey -in " + path + " -pubout')");
          }
        }
      }
    }
    throw new IllegalArgumentException(key + ": " + path
        + " is not a PEM file with a '-----BEGIN PUBLIC KEY-----' block");
  }

  private static String readFile(String path, String key) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(key + ": file not found: " + path, e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(key + ": cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static byte[] base64(String body, String path, String key) {
    try {
      return Base64.getMimeDecoder().decode(body.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + path + " has a PEM block that is not valid"
          + " base64", e);
    }
  }

  private static PublicKey decodePublicKey(byte[] der, String path, String key, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw notOfType(path, key, algorithm);
    }
  }

  private static PublicKey decodeCertificate(byte[] der, String path, String key) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der))
          .getPublicKey();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(key + ": " + path + " holds a CERTIFICATE block that"
          + " cannot be parsed", e);
    }
  }

  private static IllegalArgumentException notOfType(String path, String key, String algorithm) {
    return new IllegalArgumentException(
        key + ": " + path + " does not contain an " + algorithm + " public key");
  }
}
