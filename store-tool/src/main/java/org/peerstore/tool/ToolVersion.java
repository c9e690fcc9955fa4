package org.peerstore.tool;

import picocli.CommandLine;

/**
 * What {@code peerstore-tool --version} prints: the {@code Implementation-Version} of the jar the
 * tool was loaded from (the build writes it into every jar's manifest from the pom's version).
 * Run from a class directory (an IDE, unit tests) there is no manifest and it says so.
 *
 * <p>Thread-safe: stateless.
 */
final class ToolVersion implements CommandLine.IVersionProvider {

  /** The {@code --version} lines of this tool's jar. */
  @Override
  public String[] getVersion() {
    return new String[] {describe(PeerstoreTool.class.getPackage().getImplementationVersion())};
  }

  /**
   * The version line for a jar whose manifest says {@code implementationVersion}, or for a run
   * from classes if it is {@code null}.
   */
  static String describe(String implementationVersion) {
    return implementationVersion == null
        ? "peerstore-tool (version unknown: not run from its jar)"
        : "peerstore-tool " + implementationVersion;
  }
}
