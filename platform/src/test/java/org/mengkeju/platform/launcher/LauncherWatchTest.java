package org.mengkeju.platform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A launched service notices its launcher's end, whichever way it ended, and only then. */
class LauncherWatchTest {

    @Test
    void actsOnceTheWatchedProcessHasEndedAndNotBefore() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "30").start();
        CountDownLatch gone = new CountDownLatch(1);
        LauncherWatch.whenGone(launcher.pid(), gone::countDown);

        assertThat(gone.await(500, TimeUnit.MILLISECONDS)).as("acted while the launcher runs").isFalse();
        launcher.destroyForcibly(); // SIGKILL: the launcher has no chance to stop anything itself
        assertThat(gone.await(10, TimeUnit.SECONDS)).as("acted after the launcher was killed").isTrue();
    }

    @Test
    void actsAtOnceWhenTheLauncherIsAlreadyGone() throws Exception {
        Process launcher = new ProcessBuilder("true").start();
        launcher.waitFor();
        CountDownLatch gone = new CountDownLatch(1);
        LauncherWatch.whenGone(launcher.pid(), gone::countDown);

        assertThat(gone.getCount()).isZero();
    }
}
