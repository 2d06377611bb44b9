// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <algorithm>
#include <cstdio>

// One figure a benchmark measured several times, printed as min, median and max.
struct Series
{
    QString name;
    QList<double> values;

    double median() const
    {
        QList<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        const auto n = sorted.size();
        return n == 0 ? 0 : (n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }
    // `width`: the name's column, so the figures of one program line up.
    void print(const char *unit, int width = 46) const
    {
        if (values.isEmpty()) {
            std::printf("%-*s %s\n", width, qPrintable(name), "no data");
            return;
        }
        const auto [min, max] = std::minmax_element(values.begin(), values.end());
        std::printf("%-*s %9.2f %9.2f %9.2f %s  (n=%lld)\n", width, qPrintable(name), *min, median(), *max, unit,
            qlonglong(values.size()));
    }
};
