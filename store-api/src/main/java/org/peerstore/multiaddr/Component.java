package org.peerstore.multiaddr;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code /<protocol>[/<value>]} part of a {@link Multiaddr}, as returned by {@link
 * Multiaddr#components()}. Immutable and value-equal on protocol and value bytes; thread-safe.
 */
public final class Component {
  private final Protocol protocol;
  private final byte[] value;
  private final String text;

  Component(Protocol protocol, byte[] value, String text) {
    this.protocol = protocol;
    this.value = value;
    this.text = text;
  }

  /** The protocol. */
  public Protocol protocol() {
    return protocol;
  }

  /** The value bytes (a copy); empty for a protocol without a value. */
  public byte[] rawValue() {
    return value.clone();
  }

  /**
   * The value's canonical text, e.g. {@code "4001"} for {@code /tcp/4001} or {@code
   * "/tmp/p.sock"} for {@code /unix/tmp/p.sock}; empty for a protocol without a value.
   */
  public String value() {
    return text;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Component)) {
      return false;
    }
    Component c = (Component) o;
    return protocol == c.protocol && Arrays.equals(value, c.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, Arrays.hashCode(value));
  }

  /** The component's canonical text, e.g. {@code /tcp/4001}. */
  @Override
  public String toString() {
    if (!protocol.hasValue()) {
      return "/" + protocol.protocolName();
    }
    String sep = protocol.isPath() && text.startsWith("/") ? "" : "/";
    return "/" + protocol.protocolName() + sep + text;
  }
}
