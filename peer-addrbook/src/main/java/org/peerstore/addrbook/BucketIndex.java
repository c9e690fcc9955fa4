package org.peerstore.addrbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory placement of the book's addresses: which ids each new and old bucket holds, and
 * each placed id's {@link KnownAddress}. Rebuilt from the store at open; changed only after the
 * store write of the change succeeded. Not thread-safe: the book's lock guards it.
 */
final class BucketIndex {
  /** Entries per bucket, new and old (docs/ADDRBOOK.md, "Buckets"). */
  static final int BUCKET_SIZE = 64;

  private final Map<String, KnownAddress> byId = new HashMap<>();
  private final List<Set<String>> newBuckets = buckets(BucketType.NEW.bucketCount());
  private final List<Set<String>> oldBuckets = buckets(BucketType.OLD.bucketCount());
  private final IndexedSet newIds = new IndexedSet();
  private final IndexedSet oldIds = new IndexedSet();

  private static List<Set<String>> buckets(int n) {
    List<Set<String>> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(new LinkedHashSet<>());
    }
    return l;
  }

  KnownAddress get(String id) {
    return byId.get(id);
  }

  /** Places {@code ka} exactly in its buckets, replacing any previous placement of its id. */
  void put(KnownAddress ka) {
    remove(ka.id());
    if (ka.buckets().isEmpty()) {
      return;
    }
    byId.put(ka.id(), ka);
    List<Set<String>> bs = ka.isOld() ? oldBuckets : newBuckets;
    for (int b : ka.buckets()) {
      bs.get(b).add(ka.id());
    }
    (ka.isOld() ? oldIds : newIds).add(ka.id());
  }

  /** Removes {@code id} from every bucket; returns what was placed, or null. */
  KnownAddress remove(String id) {
    KnownAddress ka = byId.remove(id);
    if (ka != null) {
      List<Set<String>> bs = ka.isOld() ? oldBuckets : newBuckets;
      for (int b : ka.buckets()) {
        bs.get(b).remove(id);
      }
      (ka.isOld() ? oldIds : newIds).remove(id);
    }
    return ka;
  }

  Set<String> bucket(BucketType type, int index) {
    return (type == BucketType.OLD ? oldBuckets : newBuckets).get(index);
  }

  IndexedSet ids(BucketType type) {
    return type == BucketType.OLD ? oldIds : newIds;
  }

  int size() {
    return byId.size();
  }

  int count(BucketType type) {
    return ids(type).size();
  }

  Iterable<KnownAddress> all() {
    return byId.values();
  }
}
