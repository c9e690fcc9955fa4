package org.peerstore.tool.simulate;

/** The store calls a simulation makes, timed separately. */
public enum Op {
  /** On connect: {@code addAddrs(p, addrs, CONNECTED)}. */
  CONNECT("connect", "addAddrs(CONNECTED)"),
  /** Identify: {@code addProtocols}. */
  PROTOCOLS("identify", "addProtocols"),
  /** Identify: {@code addPubKey}. */
  PUB_KEY("identify", "addPubKey"),
  /** Identify: {@code consumePeerRecord(record, CONNECTED)}. */
  SIGNED_RECORD("identify", "consumePeerRecord"),
  /** Identify: {@code put} of agent and protocol version. */
  METADATA("identify", "put(metadata)"),
  /** Dialing a known peer: {@code addrs} and {@code supportsProtocols}. */
  LOOKUP("lookup", "addrs+supportsProtocols"),
  /** On disconnect: {@code updateAddrs(p, CONNECTED, TEMP)}. */
  DOWNGRADE("disconnect", "updateAddrs(CONNECTED->TEMP)"),
  /** On disconnect: {@code addAddrs(p, addrs, RECENTLY_CONNECTED)}. */
  RECENT("disconnect", "addAddrs(RECENTLY_CONNECTED)"),
  /** Periodic {@code collectGarbage()}. */
  GC("gc", "collectGarbage");

  private final String phase;
  private final String call;

  Op(String phase, String call) {
    this.phase = phase;
    this.call = call;
  }

  /** The node event the call belongs to (connect, identify, lookup, disconnect, gc). */
  public String phase() {
    return phase;
  }

  /** The store call(s) timed. */
  public String call() {
    return call;
  }
}
