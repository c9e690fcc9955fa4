package org.peerstore.rocksdb;

import java.nio.file.Path;

/**
 * Child process for the lock test: opens the database in {@code args[0]}, prints
 * {@code READY}, holds it until its stdin closes, then closes it and prints {@code CLOSED}.
 */
// "try": resources held only for their scope (a use of the store, a lock) are never read.
@SuppressWarnings("try")
public final class LockHolderMain {
  private LockHolderMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    try (StoreDb db = StoreOpen.live(Path.of(args[0]), StoreDbTest.TUNING)) {
      System.out.println("READY");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    }
    System.out.println("CLOSED");
    System.out.flush();
  }
}
