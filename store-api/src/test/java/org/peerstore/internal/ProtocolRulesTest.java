package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstore.TooManyProtocolsException;

class ProtocolRulesTest {

  @Test
  void addKeepsOrderAndReturnsTheSameSetWhenNothingIsNew() {
    Set<String> s = ProtocolRules.add(Set.of(), List.of("/a", "/b", "/a"), 10);
    assertThat(s).containsExactly("/a", "/b");
    assertThat(ProtocolRules.add(s, List.of("/b"), 10)).isSameAs(s);
    assertThat(ProtocolRules.add(s, List.of("/c"), 10)).containsExactly("/a", "/b", "/c");
  }

  @Test
  void addCountsTheResultingSet() {
    Set<String> full = ProtocolRules.set(List.of("/a", "/b"), 2);
    // Re-adding known protocols never fails, even at the limit (go would count 2 + 2).
    assertThat(ProtocolRules.add(full, List.of("/a", "/b"), 2)).isSameAs(full);
    assertThatThrownBy(() -> ProtocolRules.add(full, List.of("/a", "/c"), 2))
        .isInstanceOf(TooManyProtocolsException.class)
        .hasMessage("too many protocols");
    assertThat(full).containsExactly("/a", "/b");
  }

  @Test
  void setCountsDistinctProtocols() {
    assertThat(ProtocolRules.set(List.of("/a", "/a", "/b"), 2)).containsExactly("/a", "/b");
    assertThatThrownBy(() -> ProtocolRules.set(List.of("/a", "/b", "/c"), 2))
        .isInstanceOf(TooManyProtocolsException.class)
        .hasMessage("too many protocols");
    assertThat(ProtocolRules.set(List.of(), 2)).isEmpty();
  }

  @Test
  void resultsAreUnmodifiable() {
    Set<String> s = ProtocolRules.add(Set.of(), List.of("/a"), 3);
    assertThatThrownBy(() -> s.add("/x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void removeDropsOnlyTheListed() {
    Set<String> s = ProtocolRules.set(List.of("/a", "/b", "/c"), 5);
    assertThat(ProtocolRules.remove(s, List.of("/b", "/zzz"))).containsExactly("/a", "/c");
    assertThat(ProtocolRules.remove(s, List.of("/zzz"))).isSameAs(s);
    assertThat(ProtocolRules.remove(s, List.of("/a", "/b", "/c"))).isEmpty();
  }

  @Test
  void supportsKeepsArgumentOrder() {
    Set<String> s = ProtocolRules.set(List.of("/a", "/b", "/c"), 5);
    assertThat(ProtocolRules.supports(s, List.of("/c", "/x", "/a")))
        .containsExactly("/c", "/a");
    assertThat(ProtocolRules.supports(s, List.of("/x"))).isEmpty();
  }

  @Test
  void firstSupported() {
    Set<String> s = ProtocolRules.set(List.of("/a", "/b"), 5);
    assertThat(ProtocolRules.firstSupported(s, List.of("/x", "/b", "/a"))).contains("/b");
    assertThat(ProtocolRules.firstSupported(s, List.of("/x"))).isEmpty();
    assertThat(ProtocolRules.firstSupported(Set.of(), List.of("/a"))).isEmpty();
  }
}
