// pybind11 first: Python.h must precede the standard headers, and Qt's `slots` macro would
// break Python's own headers.
#include <pybind11/embed.h>
#include <pybind11/numpy.h>

#include "pythonanalysis.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <opencv2/core.hpp>

#include <cmath>
#include <cstdlib>
#include <mutex>

namespace py = pybind11;

namespace fp {
namespace {

const char *const kFrameFunction = "analyze_frame";
const char *const kFileFunction = "analyze_file";
// Deeper than any sensible result; a list that contains itself would otherwise recurse forever.
constexpr int kMaxJsonDepth = 100;

// Loading and describing errors is easier said in Python. Runs once, as module _framepool.
const char *const kHelperSource = R"PY(
import importlib.util, os, sys, traceback

_loaded = set()  # names of the scripts loaded into sys.modules, which a later load may replace

def load(path):
    name = os.path.splitext(os.path.basename(path))[0]
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    # Registered so that pickle, dataclasses and helper imports find it, unless the name is
    # taken by a real module (a script called random.py must not replace the random module).
    if name not in sys.modules or name in _loaded:
        sys.modules[name] = module
        _loaded.add(name)
    spec.loader.exec_module(module)
    return module

def _headline(error):
    if isinstance(error, SyntaxError):
        return "%s: %s" % (type(error).__name__, error.msg)
    text = traceback.format_exception_only(type(error), error)[-1].strip()
    return " ".join(text.split("\n"))

def _script_line(trace, script):
    """The line of the innermost traceback frame that is in the script, or None."""
    line = None
    for frame, number in traceback.walk_tb(trace):
        if os.path.abspath(frame.f_code.co_filename) == script:
            line = number
    return line

def describe_call_error(error, trace, script, context):
    """(reason, traceback) for an exception raised by a call into the script."""
    reason = _headline(error)
    line = _script_line(trace, script)
    where = os.path.basename(script) + (" line %d" % line if line else "")
    reason += " (%s%s)" % (where, ", in " + context if context else "")
    return reason, "".join(traceback.format_exception(type(error), error, trace))

def describe_load_error(error, trace, script, context):
    """'file line N: Type: message' for a script that cannot be loaded."""
    if isinstance(error, SyntaxError) and error.filename:
        file, line = error.filename, error.lineno
    else:
        file, line = script, _script_line(trace, script)
    where = os.path.basename(file) + (" line %d" % line if line else "")
    return "%s: %s%s" % (where, _headline(error), " (in %s)" % context if context else "")
)PY";

// Python's own name for a type: "numpy.ndarray", "set".
QString typeName(PyObject *object)
{
    PyTypeObject *type = Py_TYPE(object);
    py::handle handle(reinterpret_cast<PyObject *>(type));
    const std::string module = py::str(handle.attr("__module__"));
    const std::string name = py::str(handle.attr("__qualname__"));
    return QString::fromStdString(module == "builtins" ? name : module + "." + name);
}

// Converts results to JSON, with a message that names the offending part and the fix.
class JsonConverter
{
public:
    JsonConverter(QString what, py::handle numpyGeneric, py::handle numpyArray)
        : m_what(std::move(what)), m_numpyGeneric(numpyGeneric), m_numpyArray(numpyArray)
    {
    }

    bool convert(PyObject *object, QJsonValue *out, QString *error) { return convert(object, out, error, 0, {}); }

private:
    // "analyze_frame returned NaN at ['mean'], which JSON cannot hold (...)"
    QString refuse(const QString &path, const QString &what, const QString &why) const
    {
        return QStringLiteral("%1 returned %2%3, %4")
            .arg(m_what, what, path.isEmpty() ? QString() : QStringLiteral(" at ") + path, why);
    }

    bool convert(PyObject *object, QJsonValue *out, QString *error, int depth, const QString &path)
    {
        if (depth > kMaxJsonDepth) {
            *error = refuse(path, QStringLiteral("values nested more than %1 levels deep").arg(kMaxJsonDepth),
                            QStringLiteral("which is not JSON (does a list or dict contain itself?)"));
            return false;
        }
        if (object == Py_None) {
            *out = QJsonValue(QJsonValue::Null);
        } else if (PyBool_Check(object)) {
            *out = QJsonValue(object == Py_True);
        } else if (PyLong_Check(object)) {
            int overflow = 0;
            const long long value = PyLong_AsLongLongAndOverflow(object, &overflow);
            if (overflow != 0) {
                *error = refuse(path, QStringLiteral("an integer beyond 64 bits"),
                                QStringLiteral("which JSON numbers cannot hold exactly (return it as a str)"));
                return false;
            }
            *out = QJsonValue(qint64(value));
        } else if (PyFloat_Check(object)) {
            const double value = PyFloat_AS_DOUBLE(object);
            if (!std::isfinite(value)) {
                *error = refuse(path, std::isnan(value) ? QStringLiteral("NaN") : QStringLiteral("infinity"),
                                QStringLiteral("which JSON cannot hold (return None for a missing value)"));
                return false;
            }
            *out = QJsonValue(value);
        } else if (PyUnicode_Check(object)) {
            Py_ssize_t size = 0;
            const char *text = PyUnicode_AsUTF8AndSize(object, &size);
            if (!text) {
                PyErr_Clear();
                *error = refuse(path, QStringLiteral("a str with lone surrogates"), QStringLiteral("which is not valid Unicode"));
                return false;
            }
            *out = QJsonValue(QString::fromUtf8(text, size));
        } else if (PyList_Check(object) || PyTuple_Check(object)) {
            py::sequence items = py::reinterpret_borrow<py::sequence>(object);
            QJsonArray array;
            for (Py_ssize_t i = 0; i < Py_ssize_t(items.size()); ++i) {
                QJsonValue item;
                py::object element = items[i];
                if (!convert(element.ptr(), &item, error, depth + 1, path + QStringLiteral("[%1]").arg(i)))
                    return false;
                array.append(item);
            }
            *out = array;
        } else if (PyDict_Check(object)) {
            QJsonObject map;
            PyObject *key = nullptr;
            PyObject *value = nullptr;
            Py_ssize_t position = 0;
            while (PyDict_Next(object, &position, &key, &value)) {
                if (!PyUnicode_Check(key)) {
                    const std::string shown = py::repr(key);
                    *error = refuse(path, QStringLiteral("a dict with the key %1 (of type %2)").arg(QString::fromStdString(shown), typeName(key)),
                                    QStringLiteral("but JSON keys must be strings (use str(key))"));
                    return false;
                }
                const QString name = QString::fromStdString(py::str(key));
                QJsonValue item;
                if (!convert(value, &item, error, depth + 1, path + QStringLiteral("['%1']").arg(name)))
                    return false;
                map.insert(name, item);
            }
            *out = map;
        } else if (PyObject_IsInstance(object, m_numpyGeneric.ptr()) == 1) {
            // A NumPy scalar (numpy.float32, numpy.int64, numpy.bool_): its Python value.
            py::object value = py::reinterpret_borrow<py::object>(object).attr("item")();
            if (PyObject_IsInstance(value.ptr(), m_numpyGeneric.ptr()) == 1) {
                *error = refuse(path, QStringLiteral("a %1").arg(typeName(object)), QStringLiteral("which is not JSON"));
                return false;
            }
            return convert(value.ptr(), out, error, depth + 1, path);
        } else {
            const bool isArray = PyObject_IsInstance(object, m_numpyArray.ptr()) == 1;
            *error = refuse(path, QStringLiteral("a %1").arg(typeName(object)),
                            QStringLiteral("which is not JSON: return a number, a str, a list%1 or a dict")
                                .arg(isArray ? QStringLiteral(" (.tolist())") : QString()));
            return false;
        }
        return true;
    }

    QString m_what;
    py::handle m_numpyGeneric;
    py::handle m_numpyArray;
};

// The interpreter, started once per process and never finalised: NumPy cannot be unloaded.
struct Interpreter
{
    QString error; // why it could not start
    py::module_ helper;
    py::object numpyGeneric;
    py::object numpyArray;
};

void capThreads(int threads)
{
    const QByteArray count = QByteArray::number(std::max(1, threads));
    for (const char *name : {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"})
        ::setenv(name, count.constData(), 0);
}

Interpreter *startInterpreter(int threads)
{
    static Interpreter *interpreter = nullptr;
    static std::once_flag once;
    std::call_once(once, [threads] {
        interpreter = new Interpreter;
        capThreads(threads);
        PyConfig config;
        PyConfig_InitPythonConfig(&config);
        config.install_signal_handlers = 0; // the engine's SIGTERM must still end the worker
        config.parse_argv = 0;
        // The interpreter that has Debian's cv2 and NumPy: its prefix gives the right stdlib
        // and dist-packages, whatever python3 comes first on PATH.
        PyStatus status = PyConfig_SetBytesString(&config, &config.program_name, FRAMEPOOL_PYTHON_EXECUTABLE);
        if (!PyStatus_Exception(status))
            status = Py_InitializeFromConfig(&config);
        PyConfig_Clear(&config);
        if (PyStatus_Exception(status)) {
            interpreter->error = QStringLiteral("cannot start Python: %1").arg(QString::fromUtf8(status.err_msg ? status.err_msg : "unknown error"));
            return;
        }
        try {
            py::module_ sys = py::module_::import("sys");
            // stdout is the worker protocol: a script's print() goes to stderr, the item log.
            sys.attr("stdout") = sys.attr("stderr");
            sys.attr("__stdout__") = sys.attr("stderr");
            py::module_ numpy = py::module_::import("numpy");
            interpreter->numpyGeneric = numpy.attr("generic");
            interpreter->numpyArray = numpy.attr("ndarray");
            py::module_ helper = py::module_::import("types").attr("ModuleType")("_framepool");
            py::exec(kHelperSource, helper.attr("__dict__"));
            interpreter->helper = helper;
        } catch (const py::error_already_set &e) {
            interpreter->error = QStringLiteral("cannot prepare Python (is python3-numpy installed?): %1").arg(QString::fromUtf8(e.what()));
        }
        // Each call takes the lock again, from whichever thread it comes.
        PyEval_SaveThread();
    });
    return interpreter;
}

} // namespace

struct PythonAnalysis::Private
{
    Interpreter *interpreter = nullptr;
    QString script; // absolute path
    py::object module;
    py::object analyzeFrame; // or none
    py::object analyzeFile;  // or none
    py::object reduce;       // or none

    ~Private()
    {
        py::gil_scoped_acquire gil;
        module = py::object();
        analyzeFrame = py::object();
        analyzeFile = py::object();
        reduce = py::object();
    }

    // An exception's one-line reason and traceback, for a call into the script.
    Outcome failure(py::error_already_set &e, const char *context) const
    {
        Outcome out;
        try {
            py::tuple described = interpreter->helper.attr("describe_call_error")(e.value(), e.trace(), script.toStdString(), context ? context : "");
            out.error = QString::fromStdString(described[0].cast<std::string>());
            out.traceback = QString::fromStdString(described[1].cast<std::string>());
        } catch (const py::error_already_set &inner) {
            out.error = QString::fromUtf8(e.what());
            out.traceback = QString::fromUtf8(inner.what());
        }
        if (out.error.isEmpty())
            out.error = QStringLiteral("%1 raised an exception").arg(QFileInfo(script).fileName());
        return out;
    }

    QString loadFailure(py::error_already_set &e, const char *context) const
    {
        try {
            return QString::fromStdString(interpreter->helper.attr("describe_load_error")(e.value(), e.trace(), script.toStdString(), context ? context : "").cast<std::string>());
        } catch (const py::error_already_set &) {
            return QStringLiteral("%1: %2").arg(QFileInfo(script).fileName(), QString::fromUtf8(e.what()));
        }
    }

    Outcome toJson(const py::object &result, const char *function) const
    {
        Outcome out;
        JsonConverter converter(QString::fromLatin1(function), interpreter->numpyGeneric, interpreter->numpyArray);
        if (!converter.convert(result.ptr(), &out.value, &out.error))
            out.value = QJsonValue();
        return out;
    }

    // Flushes what the script printed, so the item log keeps the order of events.
    static void flushOutput()
    {
        if (PyObject *err = PySys_GetObject("stderr")) { // borrowed
            if (PyObject *done = PyObject_CallMethod(err, "flush", nullptr))
                Py_DECREF(done);
            else
                PyErr_Clear();
        }
    }
};

PythonAnalysis::PythonAnalysis(std::unique_ptr<Private> d) : d(std::move(d)) {}
PythonAnalysis::~PythonAnalysis() = default;

std::unique_ptr<PythonAnalysis> PythonAnalysis::load(const QString &scriptPath, const QMap<QString, QString> &params,
                                                     int threads, QString *error)
{
    const QFileInfo info(scriptPath);
    if (!info.isFile() || !info.isReadable()) {
        *error = QStringLiteral("%1: cannot read the script (%2)")
                     .arg(info.fileName(), info.exists() ? QStringLiteral("not a readable file") : QStringLiteral("no such file"));
        return nullptr;
    }
    Interpreter *interpreter = startInterpreter(threads);
    if (!interpreter->error.isEmpty()) {
        *error = interpreter->error;
        return nullptr;
    }
    py::gil_scoped_acquire gil;
    auto d = std::make_unique<Private>();
    d->interpreter = interpreter;
    d->script = info.absoluteFilePath();
    const char *stage = nullptr;
    try {
        d->module = interpreter->helper.attr("load")(d->script.toStdString());
        const auto function = [&](const char *name) -> py::object {
            if (!py::hasattr(d->module, name))
                return py::none();
            return d->module.attr(name);
        };
        d->analyzeFrame = function(kFrameFunction);
        d->analyzeFile = function(kFileFunction);
        d->reduce = function("reduce");
        py::object setup = function("setup");
        for (const auto &[name, callable] : {std::pair{kFrameFunction, d->analyzeFrame}, {kFileFunction, d->analyzeFile},
                                             {"reduce", d->reduce}, {"setup", setup}}) {
            if (!callable.is_none() && !PyCallable_Check(callable.ptr())) {
                *error = QStringLiteral("%1: %2 is not a function (its type is %3)").arg(info.fileName(), QString::fromLatin1(name), typeName(callable.ptr()));
                return nullptr;
            }
        }
        if (d->analyzeFrame.is_none() && d->analyzeFile.is_none()) {
            *error = QStringLiteral("%1 defines neither analyze_frame(frame) nor analyze_file(path): FramePool calls one of them")
                         .arg(info.fileName());
            return nullptr;
        }
        if (!setup.is_none()) {
            stage = "setup";
            py::dict arguments;
            for (auto it = params.cbegin(); it != params.cend(); ++it)
                arguments[py::str(it.key().toStdString())] = py::str(it.value().toStdString());
            setup(arguments);
        }
    } catch (py::error_already_set &e) {
        *error = d->loadFailure(e, stage);
        return nullptr;
    }
    Private::flushOutput();
    return std::unique_ptr<PythonAnalysis>(new PythonAnalysis(std::move(d)));
}

bool PythonAnalysis::perFrame() const
{
    return !d->analyzeFrame.is_none();
}

QString PythonAnalysis::scriptName() const
{
    return QFileInfo(d->script).fileName();
}

PythonAnalysis::Outcome PythonAnalysis::analyzeFrame(cv::Mat &frame)
{
    if (d->analyzeFrame.is_none())
        return {{}, QStringLiteral("%1 defines no analyze_frame").arg(scriptName()), {}};
    if (frame.type() != CV_8UC3 || frame.empty())
        return {{}, QStringLiteral("frame is not 8-bit BGR"), {}};
    // The array shares the pixels through a reference-counted header; a frame that does not
    // count references (it wraps someone else's memory) or has gaps between rows is copied.
    if (!frame.u || !frame.isContinuous())
        frame = frame.clone();
    py::gil_scoped_acquire gil;
    Outcome out;
    {
        auto *lent = new cv::Mat(frame);
        py::capsule owner(lent, [](void *mat) { delete static_cast<cv::Mat *>(mat); });
        py::array array(py::dtype::of<uint8_t>(), {frame.rows, frame.cols, 3},
                        {py::ssize_t(frame.step[0]), py::ssize_t(3), py::ssize_t(1)}, frame.data, owner);
        owner = py::capsule();
        try {
            out = d->toJson(d->analyzeFrame(std::move(array)), kFrameFunction);
        } catch (py::error_already_set &e) {
            out = d->failure(e, nullptr);
        }
    }
    // The script still holds the pixels (kept the array or a view): keep them for it alone.
    if (CV_XADD(&frame.u->refcount, 0) > 1)
        frame = frame.clone();
    Private::flushOutput();
    return out;
}

PythonAnalysis::Outcome PythonAnalysis::analyzeFile(const QString &absolutePath)
{
    if (d->analyzeFile.is_none())
        return {{}, QStringLiteral("%1 defines no analyze_file").arg(scriptName()), {}};
    py::gil_scoped_acquire gil;
    Outcome out;
    try {
        out = d->toJson(d->analyzeFile(absolutePath.toStdString()), kFileFunction);
    } catch (py::error_already_set &e) {
        out = d->failure(e, nullptr);
    }
    Private::flushOutput();
    return out;
}

PythonAnalysis::Outcome PythonAnalysis::reduce(const QJsonArray &values)
{
    if (d->reduce.is_none())
        return {QJsonObject{{QStringLiteral("values"), values}}, {}, {}};
    py::gil_scoped_acquire gil;
    Outcome out;
    try {
        const QByteArray text = QJsonDocument(values).toJson(QJsonDocument::Compact);
        py::object list = py::module_::import("json").attr("loads")(py::bytes(text.constData(), size_t(text.size())));
        out = d->toJson(d->reduce(list), "reduce");
    } catch (py::error_already_set &e) {
        out = d->failure(e, "reduce");
    }
    if (out.ok() && !out.value.isObject())
        out.value = QJsonObject{{QStringLiteral("value"), out.value}};
    Private::flushOutput();
    return out;
}

} // namespace fp
