// The built-in analyses. Adding one: a file in this folder that defines
// `const Analysis &<name>Analysis()`, and its line in the list below.

#include "analysis.h"

#define FRAMEPOOL_BUILT_IN_ANALYSES(X) \
    X(dominantColor)                   \
    X(palette)                         \
    X(brightness)                      \
    X(motion)                          \
    X(sharpness)                       \
    X(colorfulness)

namespace fp {

namespace analyses {
#define FRAMEPOOL_DECLARE(name) const Analysis &name##Analysis();
FRAMEPOOL_BUILT_IN_ANALYSES(FRAMEPOOL_DECLARE)
#undef FRAMEPOOL_DECLARE
} // namespace analyses

const std::vector<const Analysis *> &builtInAnalyses()
{
#define FRAMEPOOL_LIST(name) &analyses::name##Analysis(),
    static const std::vector<const Analysis *> all{FRAMEPOOL_BUILT_IN_ANALYSES(FRAMEPOOL_LIST)};
#undef FRAMEPOOL_LIST
    return all;
}

const Analysis *findBuiltInAnalysis(const QString &name)
{
    for (const Analysis *analysis : builtInAnalyses())
        if (analysis->info().name == name)
            return analysis;
    return nullptr;
}

} // namespace fp
