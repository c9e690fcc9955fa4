package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.peerstore.conformance.MutableClock;

/** {@code --version} reads the jar manifest; the fat jar itself is checked by FatJarIT. */
class ToolVersionTest {

  @Test
  void aJarsImplementationVersionIsPrintedAsIs() {
    assertThat(ToolVersion.describe("1.2.3-SNAPSHOT")).isEqualTo("peerstore-tool 1.2.3-SNAPSHOT");
  }

  @Test
  void withoutAManifestTheVersionIsSaidToBeUnknown() {
    assertThat(ToolVersion.describe(null))
        .isEqualTo("peerstore-tool (version unknown: not run from its jar)");
  }

  @Test
  void versionOptionPrintsWhatThePackageManifestSays() {
    // Unit tests run from target/classes: no manifest, so the package has no version.
    String fromManifest = PeerstoreTool.class.getPackage().getImplementationVersion();
    Tool.Run r = Tool.run(new MutableClock(Fixture.START), "--version");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(ToolVersion.describe(fromManifest) + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }
}
