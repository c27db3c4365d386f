// The port through which an alert carries the child's identity, encrypted for authorised
// child-protection officers. The envelope replaces the plaintext id in every alert. Production:
// createKeyStoreIdentitySealer (the child's DEK); tests may inject any sealer.

/** Seals a child id into an envelope bound to one alert (the alert id is authenticated data); throws retriable errors only. */
export interface IdentitySealer {
  seal(childId: string, alertId: string): Promise<string>;
}
