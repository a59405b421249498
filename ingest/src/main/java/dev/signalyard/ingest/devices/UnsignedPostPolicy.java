package dev.signalyard.ingest.devices;

/** What the RockBLOCK webhook does with a post that carries no JWT. */
public enum UnsignedPostPolicy {
  /** Take the report from the posted fields and record it as not signature-verified. */
  ACCEPT,
  /** Answer 401: the post cannot be shown to come from RockBLOCK. */
  REJECT
}
