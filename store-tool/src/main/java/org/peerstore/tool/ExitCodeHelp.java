package org.peerstore.tool;

import picocli.CommandLine.Command;

/**
 * A picocli mixin that adds the list of exit codes ({@link ExitCodes}) to a command's help; every
 * subcommand mixes it in. Holds no options.
 */
@Command(exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.IN_USE_LINE})
final class ExitCodeHelp {
}
