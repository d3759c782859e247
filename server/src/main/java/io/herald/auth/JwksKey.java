package io.herald.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;

/**
 * A usable key from a JSON Web Key Set. Immutable and thread-safe.
 *
 * @param verifier checks signatures made with the key
 * @param algorithm the key's {@code alg} member: the only algorithm it may be used with; null when
 *     the set does not restrict it
 */
record JwksKey(JWSVerifier verifier, JWSAlgorithm algorithm) {}
