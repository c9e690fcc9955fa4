package org.peerstore.addrbook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;

/**
 * The address book over a store (docs/ADDRBOOK.md): the in-memory {@link BucketIndex} and bad
 * set in front, one metadata entry per node id in the store behind. Every change computes the
 * new immutable {@link KnownAddress}, writes it, and only then updates the index. One lock.
 */
final class StoredAddressBook implements AddressBook {
  static final String BAN_REASON = "addrbook: marked bad";
  private static final int MAX_NEW_BUCKETS_PER_ADDRESS = 4;

  private final Peerstore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean strict;
  private final BucketIndex index = new BucketIndex();
  private final Map<String, KnownAddress> bad = new TreeMap<>();
  private final Set<String> ours = new HashSet<>();
  private final Set<String> privateIds = new HashSet<>();
  private String key;
  private BucketHash hash;
  private int repaired;
  private int corrupt;

  StoredAddressBook(Peerstore store, Clock clock, RandomGenerator random, boolean strict) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.strict = strict;
    Optional<Object> stored = store.get(NodeIds.BOOK_PEER, NodeIds.BOOK_KEY);
    if (stored.isPresent() && stored.get() instanceof String s && !s.isEmpty()) {
      key = s;
    } else {
      byte[] k = new byte[12];
      random.nextBytes(k);
      key = java.util.HexFormat.of().formatHex(k);
      store.put(NodeIds.BOOK_PEER, NodeIds.BOOK_KEY, key);
    }
    hash = new BucketHash(key, strict);
    load();
  }

  // ---- loading (docs/ADDRBOOK.md, "Loading") ----

  private void load() {
    List<KnownAddress> olds = new ArrayList<>();
    List<KnownAddress> news = new ArrayList<>();
    for (PeerId peer : store.peers()) {
      Optional<String> id = NodeIds.nodeIdOf(peer);
      if (id.isEmpty()) {
        continue;
      }
      Optional<Object> value = store.get(peer, NodeIds.ENTRY_KEY);
      if (value.isEmpty() || !(value.get() instanceof byte[] bytes)) {
        continue;
      }
      EntryCodec.Entry e;
      try {
        e = EntryCodec.decode(bytes);
      } catch (IllegalArgumentException ex) {
        corrupt++;
        continue;
      }
      KnownAddress ka = e.address();
      if (ka == null) {
        continue;
      }
      if (!ka.id().equals(id.get())) {
        corrupt++;
        continue;
      }
      if (EntryCodec.banned(e.kind())) {
        bad.put(ka.id(), ka);
      } else if (store.isBanned(peer)) {
        // A crash between markBad's ban and its entry write: finish the move.
        KnownAddress b = ka.withPlacement(ka.type(), List.of());
        write(b, true);
        bad.put(ka.id(), b);
        repaired++;
      } else {
        (ka.isOld() ? olds : news).add(ka);
      }
    }
    Comparator<KnownAddress> byId = Comparator.comparing(KnownAddress::id);
    olds.sort(byId);
    news.sort(byId);
    olds.forEach(this::placeLoaded);
    news.forEach(this::placeLoaded);
  }

  /** Places a loaded entry, keeping only valid buckets with room; rewrites what it repaired. */
  private void placeLoaded(KnownAddress ka) {
    BucketType type = ka.type();
    List<Integer> keep = roomy(ka, type);
    if (keep.isEmpty() && type == BucketType.OLD) {
      type = BucketType.NEW; // its old bucket is full: back to new, as markGood would
    }
    if (keep.isEmpty()) {
      int b = hash.newBucket(ka.addr(), ka.src());
      if (index.bucket(BucketType.NEW, b).size() < BucketIndex.BUCKET_SIZE) {
        keep = List.of(b);
      }
    }
    if (keep.isEmpty()) {
      store.put(NodeIds.peerOf(ka.id()), NodeIds.ENTRY_KEY, EntryCodec.removed());
      repaired++;
      return;
    }
    KnownAddress fixed = ka.withPlacement(type, keep);
    if (!fixed.equals(ka)) {
      write(fixed, false);
      repaired++;
    }
    index.put(fixed);
  }

  private List<Integer> roomy(KnownAddress ka, BucketType type) {
    int max = type == BucketType.OLD ? 1 : MAX_NEW_BUCKETS_PER_ADDRESS;
    List<Integer> keep = new ArrayList<>();
    for (int b : ka.buckets()) {
      if (b >= 0 && b < type.bucketCount() && !keep.contains(b) && keep.size() < max
          && index.bucket(type, b).size() < BucketIndex.BUCKET_SIZE) {
        keep.add(b);
      }
    }
    return keep;
  }

  // ---- writes ----

  private void write(KnownAddress ka, boolean banned) {
    store.put(NodeIds.peerOf(ka.id()), NodeIds.ENTRY_KEY, EntryCodec.encode(ka, banned));
  }

  /** Writes and places {@code ka} (an empty placement removes it). */
  private void commit(KnownAddress ka) {
    if (ka.buckets().isEmpty()) {
      store.put(NodeIds.peerOf(ka.id()), NodeIds.ENTRY_KEY, EntryCodec.removed());
      index.remove(ka.id());
    } else {
      write(ka, false);
      index.put(ka);
    }
  }

  // ---- operations ----

  @Override
  public synchronized AddResult addAddress(NetAddress addr, NetAddress src) {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(src, "src");
    if (!IpRules.valid(addr.ip())) {
      return AddResult.INVALID;
    }
    if (bad.containsKey(addr.id()) || store.isBanned(NodeIds.peerOf(addr.id()))
        || store.isBanned(addr.ip())) {
      return AddResult.BANNED;
    }
    if (privateIds.contains(addr.id())) {
      return AddResult.PRIVATE;
    }
    if (privateIds.contains(src.id())) {
      return AddResult.PRIVATE_SOURCE;
    }
    if (ours.contains(addr.toString())) {
      return AddResult.SELF;
    }
    if (strict && !IpRules.routable(addr.ip())) {
      return AddResult.NON_ROUTABLE;
    }
    KnownAddress ka = index.get(addr.id());
    if (ka != null) {
      int n = ka.buckets().size();
      if (ka.isOld() || n >= MAX_NEW_BUCKETS_PER_ADDRESS || random.nextInt(2 * n) != 0) {
        return AddResult.IGNORED;
      }
    } else {
      ka = KnownAddress.fresh(addr, src, clock.instant());
    }
    return addToNew(ka, hash.newBucket(addr, src)) ? AddResult.ADDED : AddResult.IGNORED;
  }

  /** Adds a new {@code ka} to new bucket {@code b}, expiring one address first if it is full. */
  private boolean addToNew(KnownAddress ka, int b) {
    if (ka.buckets().contains(b)) {
      return false;
    }
    if (index.bucket(BucketType.NEW, b).size() >= BucketIndex.BUCKET_SIZE) {
      expireNew(b, ka.id());
    }
    commit(ka.withBucketAdded(b));
    return true;
  }

  /** Takes one address out of new bucket {@code b}: the first bad one, else the oldest. */
  private void expireNew(int b, String except) {
    Instant now = clock.instant();
    KnownAddress victim = null;
    for (String id : index.bucket(BucketType.NEW, b)) {
      KnownAddress k = index.get(id);
      if (!id.equals(except) && k.isBad(now)) {
        victim = k;
        break;
      }
    }
    if (victim == null) {
      victim = oldest(BucketType.NEW, b, except);
    }
    if (victim != null) {
      commit(victim.withBucketRemoved(b));
    }
  }

  private @Nullable KnownAddress oldest(BucketType type, int b, @Nullable String except) {
    KnownAddress oldest = null;
    for (String id : index.bucket(type, b)) {
      KnownAddress k = index.get(id);
      if (!id.equals(except) && (oldest == null || k.lastAttempt().isBefore(oldest.lastAttempt()))) {
        oldest = k;
      }
    }
    return oldest;
  }

  @Override
  public synchronized boolean removeAddress(NetAddress addr) {
    KnownAddress ka = index.get(addr.id());
    if (ka == null) {
      return false;
    }
    commit(ka.withPlacement(ka.type(), List.of()));
    return true;
  }

  @Override
  public synchronized boolean markGood(String id) {
    id = NetAddress.checkId(id);
    KnownAddress ka = index.get(id);
    if (ka == null) {
      return false;
    }
    KnownAddress good = ka.succeeded(clock.instant());
    if (ka.isOld()) {
      commit(good);
      return true;
    }
    int ob = hash.oldBucket(good.addr());
    if (index.bucket(BucketType.OLD, ob).size() >= BucketIndex.BUCKET_SIZE) {
      // Order (docs/ADDRBOOK.md, "Crashes"): room in the new bucket, then the oldest old address
      // to new, then the promotion; each write leaves a valid book.
      KnownAddress pushed = Objects.requireNonNull(oldest(BucketType.OLD, ob, null));
      int nb = hash.newBucket(pushed.addr(), pushed.src());
      if (index.bucket(BucketType.NEW, nb).size() >= BucketIndex.BUCKET_SIZE) {
        expireNew(nb, id);
      }
      commit(pushed.withPlacement(BucketType.NEW, List.of(nb)));
    }
    commit(good.withPlacement(BucketType.OLD, List.of(ob)));
    return true;
  }

  @Override
  public synchronized boolean markAttempt(NetAddress addr) {
    KnownAddress ka = index.get(addr.id());
    if (ka == null) {
      return false;
    }
    commit(ka.attempted(clock.instant()));
    return true;
  }

  @Override
  public synchronized boolean markBad(NetAddress addr, Duration banDuration) {
    Objects.requireNonNull(banDuration, "banDuration");
    if (banDuration.isZero() || banDuration.isNegative()) {
      throw new IllegalArgumentException("ban duration must be positive: " + banDuration);
    }
    KnownAddress ka = index.get(addr.id());
    if (ka == null) {
      return false;
    }
    Instant now = clock.instant();
    Instant until;
    try {
      until = now.plus(banDuration);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      until = Instant.MAX;
    }
    // Ban first: a crash before the entry write is finished at load (docs/ADDRBOOK.md, "Crashes").
    store.banPeer(NodeIds.peerOf(ka.id()), BAN_REASON, banDuration);
    KnownAddress b = ka.banned(until);
    write(b, true);
    index.remove(ka.id());
    bad.put(ka.id(), b);
    return true;
  }

  @Override
  public synchronized void reinstateBadPeers() {
    for (KnownAddress ka : new ArrayList<>(bad.values())) {
      if (store.isBanned(NodeIds.peerOf(ka.id()))) {
        continue;
      }
      KnownAddress fresh = ka.withPlacement(BucketType.NEW, List.of());
      addToNew(fresh, hash.newBucket(ka.addr(), ka.src()));
      bad.remove(ka.id());
    }
  }

  @Override
  public synchronized Optional<NetAddress> pickAddress(int biasTowardsNewAddrs) {
    int nOld = index.count(BucketType.OLD);
    int nNew = index.count(BucketType.NEW);
    if (nOld + nNew == 0) {
      return Optional.empty();
    }
    int bias = clamp(biasTowardsNewAddrs);
    double oldWeight = Math.sqrt(nOld) * (100 - bias);
    double newWeight = Math.sqrt(nNew) * bias;
    boolean fromOld = (oldWeight + newWeight) * random.nextDouble() < oldWeight;
    if ((fromOld && nOld == 0) || (!fromOld && nNew == 0)) {
      return Optional.empty();
    }
    BucketType type = fromOld ? BucketType.OLD : BucketType.NEW;
    Set<String> bucket;
    do {
      bucket = index.bucket(type, random.nextInt(type.bucketCount()));
    } while (bucket.isEmpty());
    int at = random.nextInt(bucket.size());
    for (String id : bucket) {
      if (at-- == 0) {
        return Optional.of(index.get(id).addr());
      }
    }
    throw new AssertionError("index within the bucket");
  }

  private static int clamp(int bias) {
    return Math.max(0, Math.min(100, bias));
  }

  /** CometBFT's selection size: 23% of the book, at least min(32, size), at most 250. */
  static int selectionSize(int size) {
    return Math.min(250, Math.max(Math.min(32, size), size * 23 / 100));
  }

  @Override
  public synchronized List<NetAddress> getSelection() {
    int nNew = index.count(BucketType.NEW);
    int n = index.size();
    IndexedSet newIds = index.ids(BucketType.NEW);
    IndexedSet oldIds = index.ids(BucketType.OLD);
    List<NetAddress> out = new ArrayList<>();
    for (int i : sample(n, selectionSize(n))) {
      String id = i < nNew ? newIds.get(i) : oldIds.get(i - nNew);
      out.add(index.get(id).addr());
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized List<NetAddress> getSelectionWithBias(int biasTowardsNewAddrs) {
    int n = index.size();
    if (n == 0) {
      return List.of();
    }
    int bias = clamp(biasTowardsNewAddrs);
    int num = selectionSize(n);
    int nOld = index.count(BucketType.OLD);
    int wantNew = Math.max((int) Math.round(bias / 100.0 * num), num - nOld);
    List<NetAddress> out = new ArrayList<>(pick(BucketType.NEW, wantNew));
    out.addAll(pick(BucketType.OLD, num - out.size()));
    return List.copyOf(out);
  }

  private List<NetAddress> pick(BucketType type, int k) {
    IndexedSet ids = index.ids(type);
    List<NetAddress> out = new ArrayList<>();
    for (int i : sample(ids.size(), Math.min(k, ids.size()))) {
      out.add(index.get(ids.get(i)).addr());
    }
    return out;
  }

  /** {@code k} distinct positions of {@code [0, n)} in random order (a partial Fisher-Yates). */
  private int[] sample(int n, int k) {
    Map<Integer, Integer> swapped = new HashMap<>();
    int[] out = new int[Math.max(0, k)];
    for (int i = 0; i < out.length; i++) {
      int j = i + random.nextInt(n - i);
      int vi = swapped.getOrDefault(i, i);
      int vj = swapped.getOrDefault(j, j);
      swapped.put(j, vi);
      out[i] = vj;
    }
    return out;
  }

  @Override
  public boolean needMoreAddrs() {
    return size() < NEED_ADDRESS_THRESHOLD;
  }

  @Override
  public synchronized boolean isGood(String id) {
    KnownAddress ka = index.get(NetAddress.checkId(id));
    return ka != null && ka.isOld();
  }

  @Override
  public synchronized boolean isBanned(String id) {
    id = NetAddress.checkId(id);
    return bad.containsKey(id) || store.isBanned(NodeIds.peerOf(id));
  }

  @Override
  public synchronized boolean hasAddress(String id) {
    return index.get(NetAddress.checkId(id)) != null;
  }

  @Override
  public synchronized Optional<KnownAddress> knownAddress(String id) {
    return Optional.ofNullable(index.get(NetAddress.checkId(id)));
  }

  @Override
  public synchronized int size() {
    return index.size();
  }

  @Override
  public synchronized int newCount() {
    return index.count(BucketType.NEW);
  }

  @Override
  public synchronized int oldCount() {
    return index.count(BucketType.OLD);
  }

  @Override
  public synchronized int badCount() {
    return bad.size();
  }

  @Override
  public synchronized void addOurAddress(NetAddress addr) {
    ours.add(addr.toString());
  }

  @Override
  public synchronized void addPrivateIds(Collection<String> ids) {
    for (String id : ids) {
      privateIds.add(NetAddress.checkId(id));
    }
  }

  @Override
  public synchronized AddrBookFile exportFile() {
    List<KnownAddress> all = new ArrayList<>();
    index.all().forEach(all::add);
    all.sort(Comparator.comparing(KnownAddress::id));
    return new AddrBookFile(key, all);
  }

  @Override
  public synchronized ImportResult importFile(AddrBookFile file) {
    Objects.requireNonNull(file, "file");
    if (file.key().isEmpty()) {
      throw new MalformedAddrBookException(-1, "key", "empty");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < file.addrs().size(); i++) {
      KnownAddress ka = file.addrs().get(i);
      checkPlacement(i, ka);
      if (!seen.add(ka.id())) {
        throw new MalformedAddrBookException(i, "addr.id", "node id " + ka.id() + " twice");
      }
    }
    boolean adopt = index.size() == 0 && bad.isEmpty() && !file.key().equals(key);
    if (adopt) {
      store.put(NodeIds.BOOK_PEER, NodeIds.BOOK_KEY, file.key());
      key = file.key();
      hash = new BucketHash(key, strict);
    }
    int imported = 0;
    int skipped = 0;
    for (KnownAddress ka : file.addrs()) {
      KnownAddress prev = index.get(ka.id());
      List<Integer> keep = new ArrayList<>();
      for (int b : ka.buckets()) {
        int size = index.bucket(ka.type(), b).size();
        boolean prevThere = prev != null && prev.type() == ka.type() && prev.buckets().contains(b);
        if (size - (prevThere ? 1 : 0) < BucketIndex.BUCKET_SIZE) {
          keep.add(b);
        }
      }
      if (keep.isEmpty() || bad.containsKey(ka.id())) {
        skipped++;
        continue;
      }
      commit(ka.withPlacement(ka.type(), keep));
      imported++;
    }
    return new ImportResult(imported, skipped, adopt);
  }

  /**
   * Checks an entry's buckets: 1 to 4 distinct new buckets below 256, or exactly one old bucket
   * below 64.
   *
   * @throws MalformedAddrBookException naming entry {@code i} and field {@code buckets}
   */
  static void checkPlacement(int i, KnownAddress ka) {
    List<Integer> b = ka.buckets();
    int max = ka.isOld() ? 1 : MAX_NEW_BUCKETS_PER_ADDRESS;
    if (b.isEmpty() || b.size() > max) {
      throw new MalformedAddrBookException(i, "buckets", b.size() + " buckets for a "
          + ka.type().name().toLowerCase(java.util.Locale.ROOT) + " address (1 to " + max + ")");
    }
    Set<Integer> distinct = new HashSet<>();
    for (int x : b) {
      if (x < 0 || x >= ka.type().bucketCount()) {
        throw new MalformedAddrBookException(i, "buckets", "bucket " + x + " out of range 0.."
            + (ka.type().bucketCount() - 1));
      }
      if (!distinct.add(x)) {
        throw new MalformedAddrBookException(i, "buckets", "bucket " + x + " twice");
      }
    }
  }

  // ---- for tests in this package ----

  synchronized Set<String> bucketMembers(BucketType type, int b) {
    return Set.copyOf(index.bucket(type, b));
  }

  synchronized int repaired() {
    return repaired;
  }

  synchronized int corrupt() {
    return corrupt;
  }

  synchronized String key() {
    return key;
  }

  synchronized Map<String, KnownAddress> badEntries() {
    return Map.copyOf(bad);
  }
}
