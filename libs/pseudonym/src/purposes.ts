// Purposes a pseudonym is derived for. One key per purpose means the analytics pseudonym of a child
// cannot be joined with its research or risk pseudonym by anyone without the secret.

/** Purposes the platform uses today; others matching PURPOSE_PATTERN are accepted too. */
export const KNOWN_PURPOSES = ['analytics', 'research', 'risk', 'media', 'government', 'business', 'academia', 'community'] as const;

/** One of KNOWN_PURPOSES. */
export type KnownPurpose = (typeof KNOWN_PURPOSES)[number];

/** Lower-case letters, digits and '-'; never '|' or '.', which separate fields of the info and the tag. */
export const PURPOSE_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
