// Where the app's shipped files (models) are: $UNILEARN_RESOURCES, the installed share folder
// next to the executable, or the source tree this build came from. Thread-safety: free function.
#pragma once

#include <string>

namespace unilearn::core {

// Throws unilearn::Error (kIo) listing the places looked at when none holds the models.
std::string resourceDir();

// The UniLearn model that ships with the app (UniLearn-T trained on FER+'s labelled faces; see
// its card, the .md beside it), or "" when this installation has none.
std::string shippedClipModel();
std::string shippedModelCard();

}  // namespace unilearn::core
