// Record framing seen on the wire (RFC 8446 §5.1: type, legacy version,
// 16-bit length), read from the bytes the server sends. Only the 5-byte
// headers are read, never the contents: enough to tell how large the
// server's records are (does it honour record_size_limit?) and whether it
// sent a HelloRetryRequest (a second plaintext handshake record before the
// encrypted ones).
export class WireWatch {
  /** The largest record body the server sent, in bytes. */
  largestRecord = 0;
  records = 0;
  /** Plaintext handshake records (ServerHello, HelloRetryRequest) before the first encrypted one. */
  plaintextHandshakeRecords = 0;
  #encryptedSeen = false;
  #header = new Uint8Array(5);
  #have = 0;
  #skip = 0;

  feed(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, bytes.length - at);
        this.#skip -= n;
        at += n;
        continue;
      }
      this.#header[this.#have++] = bytes[at++];
      if (this.#have < 5) continue;
      this.#have = 0;
      const type = this.#header[0];
      const length = (this.#header[3] << 8) | this.#header[4];
      this.records++;
      this.largestRecord = Math.max(this.largestRecord, length);
      if (type === 23) this.#encryptedSeen = true;
      if (type === 22 && !this.#encryptedSeen) this.plaintextHandshakeRecords++;
      this.#skip = length;
    }
  }

  /** ServerHello, then a second one: the first was a HelloRetryRequest (RFC 8446 §4.1.4). */
  get sawHelloRetryRequest(): boolean {
    return this.plaintextHandshakeRecords >= 2;
  }
}
