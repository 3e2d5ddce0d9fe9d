#include "ui/widgets/state_colors.h"

#include <optional>

namespace scaledeck::ui {

bool StateColors::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor StateColors::text(StateTone tone, const QPalette& palette) {
    const bool dark = isDark(palette);
    switch (tone) {
        case StateTone::Good:
            return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x5e, 0x20);
        case StateTone::Info:
            return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x0b, 0x57, 0xd0);
        case StateTone::Warning:
            return dark ? QColor(0xff, 0xcc, 0x66) : QColor(0x8a, 0x4b, 0x00);
        case StateTone::Error:
            return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
    }
    return palette.color(QPalette::Text);
}

QColor StateColors::fill(StateTone tone, const QPalette& palette) {
    const bool dark = isDark(palette);
    switch (tone) {
        case StateTone::Good:
            return dark ? QColor(0x4c, 0xaf, 0x50) : QColor(0x38, 0x8e, 0x3c);
        case StateTone::Info:
            return dark ? QColor(0x5e, 0x97, 0xf6) : QColor(0x1a, 0x73, 0xe8);
        case StateTone::Warning:
            return dark ? QColor(0xf9, 0xab, 0x00) : QColor(0xe3, 0x8d, 0x00);
        case StateTone::Error:
            return dark ? QColor(0xf2, 0x8b, 0x82) : QColor(0xd9, 0x30, 0x25);
    }
    return palette.color(QPalette::Highlight);
}

std::optional<StateTone> StateColors::toneOf(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return StateTone::Info;
        case Severity::Warning:
            return StateTone::Warning;
        case Severity::Error:
            return StateTone::Error;
        case Severity::None:
            break;
    }
    return std::nullopt;
}

}  // namespace scaledeck::ui
