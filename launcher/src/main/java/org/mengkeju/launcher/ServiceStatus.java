package org.mengkeju.launcher;

import java.util.Locale;

/**
 * What the launcher knows about one service process.
 *
 * @param module       e.g. {@code points-service}
 * @param port         its HTTP port
 * @param state        {@code starting}, {@code ready}, {@code restarting} (crashed, a restart is scheduled or
 *                     waiting for readiness) or {@code stopped}
 * @param pid          the current process, or -1 when none runs
 * @param restarts     how often the launcher restarted it after a crash
 * @param lastExitCode the exit code of its last crash, or null
 */
public record ServiceStatus(String module, int port, String state, long pid, int restarts, Integer lastExitCode) {

    /** One line of {@code <data>/status.txt}. */
    public String line() {
        return String.format(Locale.ROOT, "%-17s %-10s port %-5d pid %-7s restarts %d%s", module, state, port,
                pid < 0 ? "-" : String.valueOf(pid), restarts,
                lastExitCode == null ? "" : " (last crash: exit code " + lastExitCode + ")");
    }
}
