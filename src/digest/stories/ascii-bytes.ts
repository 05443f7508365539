/**
 * An ASCII text's characters as bytes, in a scratch reused from text to text. The clusterer reads
 * every text character by character (its words, then each word's characters); a byte of an array
 * costs about half what a character of a string does to read, and native code makes the copy.
 */
const encoder = new TextEncoder();

export class AsciiBytes {
  private bytes = new Uint8Array(4096);

  /**
   * The text's characters as bytes (the scratch: valid until the next call; bytes past the text's
   * length are left from older texts), undefined when the text has a non-ASCII character.
   */
  of(text: string): Uint8Array | undefined {
    if (this.bytes.length < text.length) this.bytes = new Uint8Array(2 * text.length);
    // A non-ASCII character takes two bytes or more (and a full scratch stops the copy short).
    const { read, written } = encoder.encodeInto(text, this.bytes);
    return read === text.length && written === text.length ? this.bytes : undefined;
  }
}
