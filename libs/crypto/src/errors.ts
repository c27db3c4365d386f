// Errors of @cwp/crypto. Messages never carry key material, plaintext or ciphertext bytes.
import { PlatformError, ValidationError } from '@cwp/errors';
import type { PlatformErrorOptions } from '@cwp/errors';

/** A cryptographic operation failed (authentication, malformed envelope, bad sizes): never retriable. */
export class CryptoError extends PlatformError {
  constructor(code: string, message: string, options: PlatformErrorOptions = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/** The data subject was crypto-shredded: no key may be created or used for it until an operator restores it. */
export class SubjectShreddedError extends ValidationError {
  constructor(message = 'the data subject was crypto-shredded; an operator must restore it before new events are accepted') {
    super('SUBJECT_SHREDDED', message);
  }
}

/** The key a ciphertext names no longer exists (its subject was shredded) or never existed. */
export class KeyUnavailableError extends PlatformError {
  constructor(code: 'KEY_SHREDDED' | 'KEY_NOT_FOUND', message: string) {
    super(code, message, { retriable: false });
  }
}
