/*
 * sha256.h - SHA-256 (FIPS 180-4) for the contract hash of a table and the
 * name-based uids of new catalog tables. Not for secrets: it makes stable
 * fingerprints, nothing is kept from an attacker.
 */
#ifndef SG_UTIL_SHA256_H
#define SG_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum { SG_SHA256_SIZE = 32, SG_SHA256_HEX_SIZE = 65 };

typedef struct sg__sha256 {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    unsigned char block[64];
    size_t used; /* bytes waiting in block */
} sg__sha256;

void sg__sha256_init(sg__sha256 *h);
void sg__sha256_update(sg__sha256 *h, const void *data, size_t len);
/* Writes the digest; `h` must be initialised again before further use. */
void sg__sha256_final(sg__sha256 *h, unsigned char digest[SG_SHA256_SIZE]);

/* The digest of `len` bytes as 64 lower-case hex digits and a NUL. */
void sg__sha256_hex(const void *data, size_t len, char hex[SG_SHA256_HEX_SIZE]);

#endif
