package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.peerstore.conformance.Addrs.addr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerstore.KeyMismatchException;
import org.peerstore.Peerstore;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.PrivKey;

/**
 * Private keys never leak from a store: not in the text of an exception it throws, not in any
 * log record it writes (at any level, captured from {@code java.util.logging}, the default
 * backend of {@link System.Logger}), not in {@code toString()} of what it returns. Secrets are
 * searched in every textual form {@link KeySecrets} knows.
 */
abstract class KeySecrecyContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);

  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (records) {
        records.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level rootLevel;

  KeySecrecyContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  @BeforeEach
  void captureLogs() {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger root = Logger.getLogger("");
    root.removeHandler(capture);
    root.setLevel(rootLevel);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void privateKeysAppearInNoExceptionLogOrString(KeyType type) {
    TestPeer alice = TestPeer.generate(type);
    TestPeer bob = TestPeer.generate(type);
    Set<String> secrets = KeySecrets.forms(alice.privKey());
    List<String> texts = new ArrayList<>();

    Peerstore ps = open();
    ps.addPrivKey(alice.id(), alice.privKey());
    PrivKey back = ps.privKey(alice.id()).orElseThrow();
    texts.add(back.toString());
    texts.add(ps.privKey(alice.id()).toString());
    // Alice's key offered for bob: the mismatch must name the peer, not the key.
    Throwable mismatch = catchThrowable(() -> ps.addPrivKey(bob.id(), alice.privKey()));
    assertThat(mismatch).isInstanceOf(KeyMismatchException.class);
    texts.add(KeySecrets.fullText(mismatch));
    ps.addPubKey(alice.id(), alice.pubKey());
    ps.consumePeerRecord(alice.record(1, List.of(addr(1))), HOUR);
    texts.add(ps.peerRecord(alice.id()).toString());
    texts.add(ps.peerInfo(alice.id()).toString());
    ps.removePeer(alice.id());
    ps.addPrivKey(alice.id(), alice.privKey());
    ps.collectGarbage();
    ps.close();
    Throwable closed = catchThrowable(() -> ps.privKey(alice.id()));
    assertThat(closed).isInstanceOf(IllegalStateException.class);
    texts.add(KeySecrets.fullText(closed));

    synchronized (records) {
      for (LogRecord r : records) {
        texts.add(String.valueOf(r.getMessage()));
        if (r.getParameters() != null) {
          for (Object p : r.getParameters()) {
            texts.add(String.valueOf(p));
          }
        }
        if (r.getThrown() != null) {
          texts.add(KeySecrets.fullText(r.getThrown()));
        }
      }
    }
    for (String text : texts) {
      assertThat(KeySecrets.leakIn(text, secrets)).as("secret in: %s", text).isEmpty();
    }
  }
}
