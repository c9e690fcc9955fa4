package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.peerstore.DecayingTag;
import org.peerstore.LimitExceededException;
import org.peerstore.Peerstore;
import org.peerstore.StoredTags;
import org.peerstore.TagBook;
import org.peerstore.TagDecay;
import org.peerstore.TagInfo;
import org.peerstore.peer.PeerId;

/**
 * The tag book (docs/CONTRACT.md §15): tags and protections with go-libp2p's connection
 * manager semantics (idempotent, not reference-counted), expiring and decaying tags computed on
 * read, the trim order, bounds, {@code removePeer}, and (for persistent stores) reopening.
 */
abstract class TagBookContract extends ContractBase {

  private static final Duration SEC = Duration.ofSeconds(1);
  private static final Duration MIN = Duration.ofMinutes(1);

  TagBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId peer() {
    return TestPeer.generate().id();
  }

  private static Map<String, Integer> tags(Peerstore ps, PeerId p) {
    return ps.tagInfo(p).map(TagInfo::tags).orElse(Map.of());
  }

  private static long value(Peerstore ps, PeerId p) {
    return ps.tagInfo(p).map(TagInfo::value).orElseThrow();
  }

  // --------------------------------------------------------------------------- plain tags

  @Test
  void taggingIsIdempotentAndSumsTheValues() {
    Peerstore ps = open();
    PeerId p = peer();
    assertThat(ps.tagInfo(p)).isEmpty();
    Instant first = clock().instant();
    ps.tagPeer(p, "a", 5);
    advance(SEC);
    ps.tagPeer(p, "a", 5);
    ps.tagPeer(p, "b", -2);
    TagInfo info = ps.tagInfo(p).orElseThrow();
    assertThat(info.firstSeen()).isEqualTo(first);
    assertThat(info.value()).isEqualTo(3);
    assertThat(info.tags()).containsExactly(Map.entry("a", 5), Map.entry("b", -2));
    assertThat(info.protections()).isEmpty();
    ps.tagPeer(p, "a", 7);
    assertThat(value(ps, p)).isEqualTo(5);
    assertThat(ps.tagInfo(peer())).isEmpty();
  }

  @Test
  void untagRemovesOneTagAndTheLastEndsTheState() {
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "a", 1);
    ps.tagPeer(p, "b", 2);
    assertThat(ps.untagPeer(p, "a")).isTrue();
    assertThat(ps.untagPeer(p, "a")).isFalse();
    assertThat(tags(ps, p)).containsExactly(Map.entry("b", 2));
    assertThat(ps.untagPeer(p, "b")).isTrue();
    assertThat(ps.tagInfo(p)).isEmpty();
    advance(SEC);
    ps.tagPeer(p, "c", 1);
    assertThat(ps.tagInfo(p).orElseThrow().firstSeen()).isEqualTo(clock().instant());
  }

  @Test
  void upsertStartsFromZeroAndKeepsTheExpiry() {
    Peerstore ps = open();
    PeerId p = peer();
    assertThat(ps.upsertTag(p, "u", v -> v + 3)).isEqualTo(3);
    assertThat(ps.upsertTag(p, "u", v -> v * 10)).isEqualTo(30);
    assertThat(tags(ps, p)).containsExactly(Map.entry("u", 30));
    ps.tagPeer(p, "e", 1, MIN);
    assertThat(ps.upsertTag(p, "e", v -> v + 1)).isEqualTo(2);
    advance(MIN);
    assertThat(tags(ps, p)).containsExactly(Map.entry("u", 30));
  }

  @Test
  void aThrowingUpsertChangesNothing() {
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "u", 4);
    assertThatThrownBy(() -> ps.upsertTag(p, "u", v -> {
      throw new ArithmeticException("boom");
    })).isInstanceOf(ArithmeticException.class);
    assertThat(tags(ps, p)).containsExactly(Map.entry("u", 4));
  }

  // --------------------------------------------------------------------------- protections

  @Test
  void protectionIsNotReferenceCounted() {
    Peerstore ps = open();
    PeerId p = peer();
    assertThat(ps.isProtected(p)).isFalse();
    ps.protect(p, "x");
    ps.protect(p, "x");
    assertThat(ps.isProtected(p, "x")).isTrue();
    assertThat(ps.isProtected(p, "y")).isFalse();
    assertThat(ps.isProtected(p)).isTrue();
    ps.protect(p, "y");
    assertThat(ps.unprotect(p, "x")).isTrue();
    assertThat(ps.isProtected(p, "x")).isFalse();
    assertThat(ps.isProtected(p)).isTrue();
    assertThat(ps.unprotect(p, "y")).isFalse();
    assertThat(ps.isProtected(p)).isFalse();
    assertThat(ps.unprotect(p, "y")).isFalse();
    assertThat(ps.tagInfo(p)).isEmpty();
  }

  @Test
  void aProtectedPeerWithoutTagsHasTagInfo() {
    Peerstore ps = open();
    PeerId p = peer();
    Instant t = clock().instant();
    ps.protect(p, "keep");
    assertThat(ps.tagInfo(p)).contains(new TagInfo(t, 0, Map.of(), Set.of("keep")));
    assertThat(ps.trimCandidates(10)).isEmpty();
  }

  // --------------------------------------------------------------------------- expiry

  @Test
  void anExpiringTagVanishesOnTimeAndIsCollected() {
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "short", 10, MIN);
    ps.tagPeer(p, "long", 1);
    advance(MIN.minusMillis(1));
    assertThat(tags(ps, p)).containsEntry("short", 10);
    advance(Duration.ofMillis(1));
    assertThat(tags(ps, p)).containsExactly(Map.entry("long", 1));
    assertThat(ps.untagPeer(p, "short")).isFalse();
    ps.collectGarbage();
    assertThat(tags(ps, p)).containsExactly(Map.entry("long", 1));
    PeerId q = peer();
    ps.tagPeer(q, "only", 1, SEC);
    advance(SEC);
    assertThat(ps.tagInfo(q)).isEmpty();
    ps.collectGarbage();
    assertThat(ps.tagInfo(q)).isEmpty();
    assertThat(ps.trimCandidates(10)).containsExactly(p);
  }

  @Test
  void retaggingReplacesTheExpiry() {
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "t", 1, MIN);
    ps.tagPeer(p, "t", 2);
    advance(Duration.ofHours(1));
    assertThat(tags(ps, p)).containsExactly(Map.entry("t", 2));
    ps.tagPeer(p, "t", 3, SEC);
    ps.tagPeer(p, "t", 3, TagBook.NO_EXPIRY);
    advance(Duration.ofDays(365));
    assertThat(tags(ps, p)).containsExactly(Map.entry("t", 3));
  }

  @Test
  void aTtlMustBePositive() {
    Peerstore ps = open();
    PeerId p = peer();
    assertThatThrownBy(() -> ps.tagPeer(p, "t", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.tagPeer(p, "t", 1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ps.tagInfo(p)).isEmpty();
  }

  // --------------------------------------------------------------------------- trimming

  @Test
  void trimCandidatesAreUnprotectedByValueThenFirstSeenThenId() {
    Peerstore ps = open();
    PeerId high = peer();
    ps.tagPeer(high, "v", 100);
    PeerId[] tied = {peer(), peer()};
    Arrays.sort(tied, Comparator.comparing(PeerId::toBytes, Arrays::compareUnsigned));
    advance(SEC);
    ps.tagPeer(tied[1], "v", 5);
    ps.tagPeer(tied[0], "v", 5);
    PeerId newer = peer();
    PeerId low = peer();
    ps.tagPeer(low, "v", -3);
    PeerId prot = peer();
    ps.tagPeer(prot, "v", -100);
    ps.protect(prot, "p");
    advance(SEC);
    ps.tagPeer(newer, "v", 5);
    // first seen last: after the tied pair of the same value.
    assertThat(ps.trimCandidates(10)).containsExactly(low, tied[0], tied[1], newer, high);
    assertThat(ps.trimCandidates(2)).containsExactly(low, tied[0]);
    assertThat(ps.trimCandidates(0)).isEmpty();
    assertThatThrownBy(() -> ps.trimCandidates(-1)).isInstanceOf(IllegalArgumentException.class);
    ps.unprotect(prot, "p");
    assertThat(ps.trimCandidates(1)).containsExactly(prot);
    ps.tagPeer(low, "w", 1000);
    assertThat(ps.trimCandidates(10)).containsExactly(prot, tied[0], tied[1], newer, high, low);
    ps.untagPeer(high, "v");
    assertThat(ps.trimCandidates(10)).doesNotContain(high);
  }

  @Test
  void trimCandidatesFollowExpiryWithoutAWrite() {
    Peerstore ps = open();
    PeerId a = peer();
    PeerId b = peer();
    ps.tagPeer(a, "base", 10);
    ps.tagPeer(b, "base", 5);
    ps.tagPeer(b, "boost", 20, MIN);
    assertThat(ps.trimCandidates(2)).containsExactly(a, b);
    advance(MIN);
    assertThat(ps.trimCandidates(2)).containsExactly(b, a);
  }

  // --------------------------------------------------------------------------- decaying tags

  @Test
  void aDecayingTagDecaysOnReadAndIsRemovedAtZero() {
    Peerstore ps = open();
    PeerId p = peer();
    DecayingTag t = ps.registerDecayingTag("d", SEC, TagDecay.fixed(3), Integer::sum);
    assertThat(t.name()).isEqualTo("d");
    assertThat(t.interval()).isEqualTo(SEC);
    assertThat(t.bump(p, 10)).isEqualTo(10);
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 10));
    advance(Duration.ofMillis(999));
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 10));
    advance(Duration.ofMillis(1));
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 7));
    advance(SEC);
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 4));
    assertThat(t.bump(p, 2)).isEqualTo(6);
    advance(SEC.multipliedBy(2));
    assertThat(tags(ps, p)).isEqualTo(Map.of());
    assertThat(ps.tagInfo(p)).isEmpty();
    ps.collectGarbage();
    assertThat(ps.tagInfo(p)).isEmpty();
    assertThat(t.bump(p, 1)).isEqualTo(1);
  }

  @Test
  void decayReordersTrimCandidatesWithoutAWrite() {
    Peerstore ps = open();
    PeerId plain = peer();
    PeerId dec = peer();
    ps.tagPeer(plain, "v", 50);
    DecayingTag t = ps.registerDecayingTag("d", SEC, TagDecay.linear(0.5), Integer::sum);
    t.bump(dec, 80);
    assertThat(ps.trimCandidates(2)).containsExactly(plain, dec);
    advance(SEC);
    assertThat(value(ps, dec)).isEqualTo(40);
    assertThat(ps.trimCandidates(2)).containsExactly(dec, plain);
    assertThat(ps.trimCandidates(1)).containsExactly(dec);
  }

  @Test
  void decayingTagNamesAreReservedWhileRegistered() {
    Peerstore ps = open();
    PeerId p = peer();
    DecayingTag t = ps.registerDecayingTag("d", SEC, TagDecay.none(), Integer::sum);
    assertThatThrownBy(() -> ps.registerDecayingTag("d", SEC, TagDecay.none(), Integer::sum))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.tagPeer(p, "d", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.upsertTag(p, "d", v -> 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.registerDecayingTag("e", Duration.ofNanos(999_999),
        TagDecay.none(), Integer::sum)).isInstanceOf(IllegalArgumentException.class);
    t.bump(p, 5);
    ps.tagPeer(p, "other", 1);
    assertThat(t.remove(p)).isTrue();
    assertThat(t.remove(p)).isFalse();
    t.bump(p, 5);
    assertThat(ps.untagPeer(p, "d")).isTrue();
    assertThat(tags(ps, p)).containsExactly(Map.entry("other", 1));
  }

  @Test
  void closingADecayingTagRemovesItFromEveryPeer() {
    Peerstore ps = open();
    PeerId p = peer();
    PeerId q = peer();
    DecayingTag t = ps.registerDecayingTag("d", SEC, TagDecay.none(), Integer::sum);
    t.bump(p, 5);
    t.bump(q, 6);
    ps.tagPeer(q, "keep", 1);
    t.close();
    t.close();
    assertThat(ps.tagInfo(p)).isEmpty();
    assertThat(tags(ps, q)).containsExactly(Map.entry("keep", 1));
    assertThatThrownBy(() -> t.bump(p, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> t.remove(p)).isInstanceOf(IllegalStateException.class);
    DecayingTag again = ps.registerDecayingTag("d", SEC, TagDecay.none(), Integer::sum);
    assertThat(again.bump(p, 2)).isEqualTo(2);
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 2));
  }

  // --------------------------------------------------------------------------- bounds

  @Test
  void namesAndCountsAreBounded() {
    Peerstore ps = open();
    PeerId p = peer();
    String longest = "n".repeat(TagBook.MAX_TAG_BYTES);
    ps.tagPeer(p, longest, 1);
    assertThatThrownBy(() -> ps.tagPeer(p, longest + "n", 1))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> ps.protect(p, "\u00e9".repeat(TagBook.MAX_TAG_BYTES / 2 + 1)))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> ps.tagPeer(p, "bad\ud800", 1))
        .isInstanceOf(IllegalArgumentException.class);
    for (int i = 1; i < TagBook.MAX_TAGS_PER_PEER; i++) {
      ps.tagPeer(p, "t" + i, 1);
    }
    assertThatThrownBy(() -> ps.tagPeer(p, "one-more", 1))
        .isInstanceOf(LimitExceededException.class);
    ps.tagPeer(p, "t1", 2);
    assertThat(tags(ps, p)).hasSize(TagBook.MAX_TAGS_PER_PEER).doesNotContainKey("one-more");
    for (int i = 0; i < TagBook.MAX_PROTECTIONS_PER_PEER; i++) {
      ps.protect(p, "p" + i);
    }
    assertThatThrownBy(() -> ps.protect(p, "one-more"))
        .isInstanceOf(LimitExceededException.class);
    assertThat(ps.tagInfo(p).orElseThrow().protections())
        .hasSize(TagBook.MAX_PROTECTIONS_PER_PEER);
  }

  @Test
  void nullsAreRefused() {
    Peerstore ps = open();
    PeerId p = peer();
    assertThatThrownBy(() -> ps.tagPeer(null, "t", 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.tagPeer(p, null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.upsertTag(p, "t", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.protect(p, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.tagInfo(null)).isInstanceOf(NullPointerException.class);
    assertThat(ps.tagInfo(p)).isEmpty();
  }

  // --------------------------------------------------------------------------- other books

  @Test
  void removePeerRemovesTagsAndKeepsProtections() {
    Peerstore ps = open();
    PeerId p = peer();
    PeerId q = peer();
    ps.addProtocols(p, List.of("/x"));
    ps.tagPeer(p, "a", 1);
    ps.protect(p, "keep");
    ps.tagPeer(q, "a", 1);
    Instant first = ps.tagInfo(p).orElseThrow().firstSeen();
    advance(SEC);
    ps.removePeer(p);
    ps.removePeer(q);
    assertThat(ps.protocols(p)).isEmpty();
    assertThat(ps.tagInfo(p)).contains(new TagInfo(first, 0, Map.of(), Set.of("keep")));
    assertThat(ps.tagInfo(q)).isEmpty();
    assertThat(ps.trimCandidates(5)).isEmpty();
  }

  @Test
  void taggingStoresNothingElse() {
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "a", 1);
    ps.protect(p, "b");
    assertThat(ps.peers()).doesNotContain(p);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void everyMethodThrowsAfterClose() {
    Peerstore ps = open();
    PeerId p = peer();
    DecayingTag t = ps.registerDecayingTag("d", SEC, TagDecay.none(), Integer::sum);
    ps.close();
    assertThatThrownBy(() -> ps.tagPeer(p, "t", 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.tagInfo(p)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.protect(p, "t")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.isProtected(p)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.trimCandidates(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> t.bump(p, 1)).isInstanceOf(IllegalStateException.class);
    t.close();
  }

  // --------------------------------------------------------------------------- stored tags

  @Test
  void storedTagsRoundTripBetweenStores() {
    Peerstore ps = open();
    Peerstore other = open();
    PeerId p = peer();
    PeerId guarded = peer();
    Instant first = clock().instant();
    ps.tagPeer(p, "plain", 5);
    advance(SEC);
    ps.tagPeer(p, "soon", -3, MIN);
    DecayingTag d = ps.registerDecayingTag("d", SEC, TagDecay.fixed(1), Integer::sum);
    d.bump(p, 10);
    Instant bumped = clock().instant();
    ps.protect(p, "keep");
    ps.protect(guarded, "only");
    advance(SEC.multipliedBy(3));
    StoredTags st = ps.storedTags(p).orElseThrow();
    assertThat(st.peer()).isEqualTo(p);
    assertThat(st.firstSeen()).isEqualTo(first);
    // Stored, not decayed: the decaying tag reads 7 now but is stored as 10 at its bump time.
    assertThat(tags(ps, p)).containsEntry("d", 7);
    assertThat(st.tags()).containsExactly(
        Map.entry("d", StoredTags.Tag.decaying(10, bumped)),
        Map.entry("plain", StoredTags.Tag.plain(5)),
        Map.entry("soon", StoredTags.Tag.expiring(-3, first.plus(SEC).plus(MIN))));
    assertThat(st.protections()).containsExactly("keep");
    StoredTags gt = ps.storedTags(guarded).orElseThrow();
    assertThat(gt.tags()).isEmpty();
    assertThat(gt.protections()).containsExactly("only");
    assertThat(ps.peersWithTags()).containsExactlyInAnyOrder(p, guarded);
    assertThatThrownBy(() -> ps.peersWithTags().clear())
        .isInstanceOf(UnsupportedOperationException.class);

    other.tagPeer(p, "old", 1);
    other.restoreTags(st);
    other.restoreTags(gt);
    assertThat(other.storedTags(p)).contains(st);
    assertThat(other.storedTags(guarded)).contains(gt);
    assertThat(other.peersWithTags()).containsExactlyInAnyOrder(p, guarded);
    // Unregistered in the other store, the decaying tag reads undecayed; registered, it decays.
    assertThat(tags(other, p)).containsExactly(
        Map.entry("d", 10), Map.entry("plain", 5), Map.entry("soon", -3));
    other.registerDecayingTag("d", SEC, TagDecay.fixed(1), Integer::sum);
    assertThat(other.tagInfo(p)).isEqualTo(ps.tagInfo(p));
    assertThat(other.isProtected(guarded, "only")).isTrue();
    assertThat(other.trimCandidates(5)).isEqualTo(ps.trimCandidates(5)).isEmpty();
    assertThat(other.storedTags(peer())).isEmpty();
  }

  @Test
  void restoreDropsExpiredTagsAndLeavesOutPeersWithoutLiveTags() {
    Peerstore ps = open();
    PeerId p = peer();
    PeerId q = peer();
    Instant now = clock().instant();
    ps.restoreTags(StoredTags.of(p, now.minus(MIN), Map.of(
        "gone", StoredTags.Tag.expiring(1, now),
        "live", StoredTags.Tag.expiring(2, now.plus(SEC))), Set.of()));
    assertThat(ps.storedTags(p).orElseThrow().tags()).containsOnlyKeys("live");
    assertThat(ps.tagInfo(p).orElseThrow().firstSeen()).isEqualTo(now.minus(MIN));
    ps.restoreTags(StoredTags.of(q, now, Map.of("gone", StoredTags.Tag.expiring(1, now)),
        Set.of()));
    assertThat(ps.storedTags(q)).isEmpty();
    assertThat(ps.peersWithTags()).containsExactly(p);
    advance(SEC);
    // Expired but not yet collected: neither listed nor read.
    assertThat(ps.peersWithTags()).isEmpty();
    assertThat(ps.storedTags(p)).isEmpty();
  }

  @Test
  void restoreValidatesAndChangesNothingOnError() {
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "a", 1);
    ps.protect(p, "keep");
    StoredTags before = ps.storedTags(p).orElseThrow();
    Instant now = clock().instant();
    TreeMap<String, StoredTags.Tag> many = new TreeMap<>();
    for (int i = 0; i <= TagBook.MAX_TAGS_PER_PEER; i++) {
      many.put("t" + i, StoredTags.Tag.plain(i));
    }
    assertThatThrownBy(() -> ps.restoreTags(StoredTags.of(p, now, many, Set.of())))
        .isInstanceOf(LimitExceededException.class);
    Set<String> guards = new java.util.TreeSet<>();
    for (int i = 0; i <= TagBook.MAX_PROTECTIONS_PER_PEER; i++) {
      guards.add("p" + i);
    }
    assertThatThrownBy(() -> ps.restoreTags(StoredTags.of(p, now, Map.of(), guards)))
        .isInstanceOf(LimitExceededException.class);
    String longName = "x".repeat(TagBook.MAX_TAG_BYTES + 1);
    assertThatThrownBy(() -> ps.restoreTags(
        StoredTags.of(p, now, Map.of(longName, StoredTags.Tag.plain(1)), Set.of())))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> ps.restoreTags(
        StoredTags.of(p, now, Map.of("a", StoredTags.Tag.plain(1)), Set.of("\ud800"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.restoreTags(StoredTags.of(p, now,
        Map.of("a", StoredTags.Tag.expiring(1, Instant.parse("2300-01-01T00:00:00Z"))),
        Set.of()))).isInstanceOf(IllegalArgumentException.class);
    ps.registerDecayingTag("d", SEC, TagDecay.fixed(1), Integer::sum);
    assertThatThrownBy(() -> ps.restoreTags(
        StoredTags.of(p, now, Map.of("d", StoredTags.Tag.plain(1)), Set.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.restoreTags(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> StoredTags.of(p, now, Map.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StoredTags.Tag(StoredTags.Kind.PLAIN, 1, now))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ps.storedTags(p)).contains(before);
    assertThat(ps.peersWithTags()).containsExactly(p);
  }

  @Test
  void storedTagsMethodsThrowAfterClose() {
    Peerstore ps = open();
    PeerId p = peer();
    StoredTags st = StoredTags.of(p, clock().instant(), Map.of(), Set.of("k"));
    ps.close();
    assertThatThrownBy(ps::peersWithTags).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.storedTags(p)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.restoreTags(st)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void restoredTagsSurviveReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = peer();
    PeerId guarded = peer();
    Instant now = clock().instant();
    StoredTags st = StoredTags.of(p, now.minus(MIN), Map.of(
        "plain", StoredTags.Tag.plain(4),
        "exp", StoredTags.Tag.expiring(2, now.plus(MIN)),
        "d", StoredTags.Tag.decaying(9, now.minus(SEC))), Set.of("keep"));
    StoredTags gt = StoredTags.of(guarded, now, Map.of(), Set.of("only"));
    ps.restoreTags(st);
    ps.restoreTags(gt);
    ps = reopen(ps, b -> {});
    assertThat(ps.storedTags(p)).contains(st);
    assertThat(ps.storedTags(guarded)).contains(gt);
    assertThat(ps.peersWithTags()).containsExactlyInAnyOrder(p, guarded);
    assertThat(ps.isProtected(guarded, "only")).isTrue();
  }

  // --------------------------------------------------------------------------- persistence

  @Test
  void tagsAndProtectionsSurviveReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = peer();
    PeerId q = peer();
    PeerId r = peer();
    ps.tagPeer(p, "a", 3);
    ps.tagPeer(p, "\u00fc", -1, MIN);
    ps.protect(p, "keep");
    ps.tagPeer(q, "a", 1);
    ps.tagPeer(r, "a", 2);
    ps.protect(r, "gone");
    ps.unprotect(r, "gone");
    Optional<TagInfo> pi = ps.tagInfo(p);
    Optional<TagInfo> qi = ps.tagInfo(q);
    List<PeerId> trim = ps.trimCandidates(10);
    ps = reopen(ps, b -> {});
    assertThat(ps.tagInfo(p)).isEqualTo(pi);
    assertThat(ps.tagInfo(q)).isEqualTo(qi);
    assertThat(ps.isProtected(p, "keep")).isTrue();
    assertThat(ps.isProtected(r)).isFalse();
    assertThat(ps.trimCandidates(10)).isEqualTo(trim).containsExactly(q, r);
    advance(MIN);
    assertThat(tags(ps, p)).containsExactly(Map.entry("a", 3));
    ps.collectGarbage();
    ps = reopen(ps, b -> {});
    assertThat(tags(ps, p)).containsExactly(Map.entry("a", 3));
    assertThat(ps.tagInfo(p).orElseThrow().firstSeen()).isEqualTo(pi.orElseThrow().firstSeen());
  }

  @Test
  void tagsThatExpiredWhileClosedAreGone() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = peer();
    ps.tagPeer(p, "t", 1, MIN);
    ps.close();
    advance(MIN);
    ps = reopen(ps, b -> {});
    assertThat(ps.tagInfo(p)).isEmpty();
    assertThat(ps.trimCandidates(1)).isEmpty();
    ps.collectGarbage();
    ps = reopen(ps, b -> {});
    assertThat(ps.tagInfo(p)).isEmpty();
  }

  @Test
  void anUnregisteredDecayingTagReadsUndecayedUntilRegisteredAgain() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = peer();
    PeerId plain = peer();
    ps.tagPeer(plain, "v", 15);
    DecayingTag t = ps.registerDecayingTag("d", SEC, TagDecay.fixed(2), Integer::sum);
    t.bump(p, 20);
    advance(SEC);
    assertThat(value(ps, p)).isEqualTo(18);
    ps = reopen(ps, b -> {});
    // The stored value and its time survive; the function does not: read undecayed.
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 20));
    advance(SEC.multipliedBy(3));
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 20));
    assertThat(ps.trimCandidates(2)).containsExactly(plain, p);
    ps.collectGarbage();
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 20));
    // Registered again: it decays from its stored time (4 ticks since the bump).
    DecayingTag again = ps.registerDecayingTag("d", SEC, TagDecay.fixed(2), Integer::sum);
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 12));
    assertThat(ps.trimCandidates(2)).containsExactly(p, plain);
    assertThat(again.bump(p, 1)).isEqualTo(13);
    ps = reopen(ps, b -> {});
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 13));
    // Without a registration, a plain tag of the name replaces the stored decaying one.
    ps.tagPeer(p, "d", 4);
    ps.registerDecayingTag("d", SEC, TagDecay.fixed(2), Integer::sum);
    advance(SEC.multipliedBy(5));
    assertThat(tags(ps, p)).containsExactly(Map.entry("d", 4));
  }

  @Test
  void removePeerKeepsProtectionsAcrossReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = peer();
    ps.addProtocols(p, List.of("/x"));
    ps.tagPeer(p, "a", 1);
    ps.protect(p, "keep");
    ps.removePeer(p);
    ps = reopen(ps, b -> {});
    assertThat(ps.isProtected(p, "keep")).isTrue();
    assertThat(tags(ps, p)).isEmpty();
    assertThat(ps.protocols(p)).isEmpty();
    List<PeerId> none = new ArrayList<>(ps.trimCandidates(3));
    assertThat(none).isEmpty();
  }
}
