// The FER+ layout (Barsoum et al. 2016): a folder of 48×48 grey face images and a `label.csv`
// with, per image, the votes of 10 annotators over neutral, happiness, surprise, sadness, anger,
// disgust, fear, contempt, unknown and not-a-face. The one place where FER+'s classes map onto
// ours. Thread-safety: free functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "trainer/dataset.h"

namespace unilearn::trainer {

// FER+'s 7 expression columns (in file order) as the static model's and the shipped model's
// class names: neutral, happy, surprised, sad, angry, disgusted, fearful. Contempt, unknown and
// not-a-face have no counterpart.
const std::vector<std::string>& ferPlusClassNames();

struct FerPlusRow {
  std::string file;
  std::array<int, 10> votes{};  // neutral ... fear, contempt, unknown, not-a-face
};

// One line of `label.csv`: `file,"(x, y, w, h)",v0,...,v9`. Throws unilearn::Error (kFormat)
// naming `where` when it is not that.
FerPlusRow parseFerPlusRow(const std::string& line, const std::string& where);

// The 7-class majority label of a row (index into ferPlusClassNames()), or -1 when the top vote
// is contempt, unknown or not-a-face, or is tied: the rule of the usual 7-class figures.
int ferPlusMajority(const FerPlusRow& row);

// `label.csv` as a data set of stills: every row with a 7-class majority (ferPlusMajority), its
// soft target the 7 expression votes normalised. `classes`: the target class names (FER+'s are
// matched onto them by name, as matchClassName does; empty: the static model's names, in its
// order). Images are read from the csv's folder (or `layout.root`), made 3-channel and resized
// to img_size. `layout.limit` > 0 keeps only the first that many usable rows (a fixed subset).
// Rows skipped by the majority rule are counted in `skipped` when given. Throws unilearn::Error
// for an unreadable csv or image and for a malformed line.
Dataset loadFerPlus(const std::string& label_csv, std::vector<std::string> classes, int img_size,
                    const ListLayout& layout = {}, int64_t* skipped = nullptr);

}  // namespace unilearn::trainer
