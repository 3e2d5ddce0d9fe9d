#include "kube/child_process.h"

#include <signal.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace scaledeck::kube {

namespace {

// Short enough that a finished plugin is noticed at once, long enough not to spin.
constexpr int kPollMillis = 50;

void killGroup(QProcess& process) {
    const qint64 pid = process.processId();
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);  // the child leads its own process group
    process.kill();
    process.waitForFinished(2000);
}

}  // namespace

ChildProcessResult runChildProcess(const ChildProcessSpec& spec) {
    ChildProcessResult result;
    QProcess process;
    process.setProgram(QString::fromStdString(spec.program));
    QStringList args;
    for (const auto& a : spec.args)
        args << QString::fromStdString(a);
    process.setArguments(args);
    QStringList env;
    for (const auto& e : spec.environment)
        env << QString::fromStdString(e);
    process.setEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setProcessChannelMode(QProcess::SeparateChannels);
    // A new session: no controlling terminal (so nothing can prompt on it or stop ScaleDeck by
    // grabbing it) and one process group to kill on timeout.
    process.setChildProcessModifier([] { ::setsid(); });

    QElapsedTimer clock;
    clock.start();
    process.start(QIODevice::ReadOnly);
    if (!process.waitForStarted(static_cast<int>(spec.timeout.count()))) {
        result.startError = process.errorString().toStdString();
        return result;
    }
    result.started = true;
    QByteArray out;
    QByteArray err;
    while (true) {
        const bool finished = process.waitForFinished(kPollMillis);
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
        if (finished || process.state() == QProcess::NotRunning)
            break;
        if (static_cast<std::size_t>(out.size()) > spec.outputLimit ||
            static_cast<std::size_t>(err.size()) > spec.outputLimit) {
            result.outputTooLarge = true;
            killGroup(process);
            break;
        }
        if (clock.elapsed() >= spec.timeout.count()) {
            result.timedOut = true;
            killGroup(process);
            break;
        }
    }
    out += process.readAllStandardOutput();
    err += process.readAllStandardError();
    result.out = out.toStdString();
    result.err = err.toStdString();
    if (!result.timedOut && !result.outputTooLarge) {
        result.crashed = process.exitStatus() == QProcess::CrashExit;
        result.exitCode = result.crashed ? -1 : process.exitCode();
    }
    return result;
}

}  // namespace scaledeck::kube
