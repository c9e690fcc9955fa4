package org.peerstore.addrbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A set of strings with O(1) add, remove and get-by-position (for uniform random picks). */
final class IndexedSet {
  private final List<String> items = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();

  boolean add(String s) {
    if (positions.containsKey(s)) {
      return false;
    }
    positions.put(s, items.size());
    items.add(s);
    return true;
  }

  boolean remove(String s) {
    Integer at = positions.remove(s);
    if (at == null) {
      return false;
    }
    String last = items.remove(items.size() - 1);
    if (at < items.size()) {
      items.set(at, last);
      positions.put(last, at);
    }
    return true;
  }

  String get(int i) {
    return items.get(i);
  }

  int size() {
    return items.size();
  }
}
