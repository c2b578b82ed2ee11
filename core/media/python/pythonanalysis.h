#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QMap>
#include <QString>

#include <memory>

namespace cv { class Mat; }

namespace fp {

// A user's analysis: a Python 3 file that defines `analyze_frame(frame)` or `analyze_file(path)`,
// and optionally `setup(params)` and `reduce(values)` (the contract of issue 11). It runs in a
// CPython interpreter embedded in this process (Debian's Python 3.11, so `import cv2, numpy`
// work) and is fed the frames this process decoded: the same frames, and as many, as the
// built-in analyses see, however a stream is split between workers.
//
// The interpreter starts with the first load() in a process and lives until the process ends.
// It installs no signal handlers (SIGTERM and SIGINT still end the worker), and a script's
// print() goes to stderr: stdout carries the worker protocol. Any thread may call; calls are
// serialised by Python's lock.
class PythonAnalysis
{
public:
    // What one call into the script gave: a JSON value, or a one-line reason such as
    // "ValueError: bad frame (my_analysis.py line 12)" with the full traceback for the item log.
    struct Outcome
    {
        QJsonValue value;
        QString error;
        QString traceback;
        [[nodiscard]] bool ok() const { return error.isEmpty(); }
    };

    // Imports `scriptPath` as a module named after the file (so `if __name__ == "__main__":`
    // blocks do not run), with its folder first on sys.path, then calls setup(params) if the
    // script defines it. Refuses, with the file and line in `*error`, a script that cannot be
    // read, has a syntax error, raises while importing or in setup, or defines neither
    // analyze_frame nor analyze_file.
    //
    // `threads` is the worker's thread budget: the first load in a process sets
    // OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS to it (unless they are set)
    // before NumPy can read them. OpenCV inside the script is this process's libopencv, so
    // cv2.getNumThreads() is whatever cv::setNumThreads() set here.
    [[nodiscard]] static std::unique_ptr<PythonAnalysis> load(const QString &scriptPath,
                                                              const QMap<QString, QString> &params,
                                                              int threads, QString *error);
    ~PythonAnalysis();
    PythonAnalysis(const PythonAnalysis &) = delete;
    PythonAnalysis &operator=(const PythonAnalysis &) = delete;

    // True when the script defines analyze_frame; it wins when both functions are defined.
    [[nodiscard]] bool perFrame() const;
    // The script's file name, for messages.
    [[nodiscard]] QString scriptName() const;

    // Calls analyze_frame with `frame` (CV_8UC3, BGR) as a writable, C-contiguous NumPy uint8
    // array H×W×3 that shares the pixels, as cv2.VideoCapture.read() and cv2.imread(path,
    // cv2.IMREAD_COLOR) return them. Should the script keep the array (or a view of it) beyond
    // the call, `frame` is given a copy of its pixels first, so that decoding the next frame
    // into it cannot change what the script kept: that is why `frame` is not const. Changes the
    // script makes to the array in place are changes to `frame`.
    Outcome analyzeFrame(cv::Mat &frame);
    // Calls analyze_file with the absolute path.
    Outcome analyzeFile(const QString &absolutePath);
    // The item's result from the values in frame order: reduce(values) when the script defines
    // it, otherwise {"values": values}. The value is always a JSON object: a reduce that returns
    // anything else (a number, a list) gives {"value": that}. Values reach reduce as
    // json.loads would give them (a float with no fraction, such as 2.0, arrives as 2).
    Outcome reduce(const QJsonArray &values);

private:
    struct Private;
    explicit PythonAnalysis(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace fp
