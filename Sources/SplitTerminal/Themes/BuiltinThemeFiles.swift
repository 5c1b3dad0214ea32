// Generated from Themes/*.theme; BuiltinThemeFileTests fails when the two drift apart.
// To refresh after editing a theme file, paste its text between the delimiters unchanged.

/// The theme files shipped in `Themes/`, compiled in so the binary works without the folder.
enum BuiltinThemeFiles {
    /// File name (without `.theme`) and text of every built-in theme, default first.
    static let all: [(name: String, text: String)] = [
        ("dark", dark), ("light", light), ("high-contrast", highContrast), ("mono", mono),
    ]

    /// `Themes/dark.theme`.
    static let dark = #"""
# splitscope theme: dark (the default)
# For dark terminal backgrounds; colours after One Dark. See Themes/README.md.
# role = colour [attributes]

background     = default
foreground     = #abb2bf
muted          = #5c6370
border         = #4b5263
title          = #61afef bold
header         = #e5c07b bold

accent         = #c678dd
device         = #61afef
edge           = #98c379
transfer       = #56b6c2
split          = #e5c07b bold
pin            = #c678dd bold
what_if        = #d19a66 underline

ok             = #98c379
warn           = #e5c07b
error          = #e06c75 bold
selection      = #3e4452

graph_measured = #61afef
graph_estimate = #5c6370
graph_latency  = #56b6c2
graph_slo      = #e06c75
graph_battery  = #98c379

hint_key       = #61afef bold
hint_text      = #5c6370

"""#

    /// `Themes/light.theme`.
    static let light = #"""
# splitscope theme: light
# For light backgrounds; paints its own background, colours after One Light.

background     = #fafafa
foreground     = #383a42
muted          = #a0a1a7
border         = #c2c2c3
title          = #4078f2 bold
header         = #986801 bold

accent         = #a626a4
device         = #4078f2
edge           = #50a14f
transfer       = #0184bc
split          = #c18401 bold
pin            = #a626a4 bold
what_if        = #986801 underline

ok             = #50a14f
warn           = #c18401
error          = #e45649 bold
selection      = #dbdbdc

graph_measured = #4078f2
graph_estimate = #a0a1a7
graph_latency  = #0184bc
graph_slo      = #e45649
graph_battery  = #50a14f

hint_key       = #4078f2 bold
hint_text      = #696c77

"""#

    /// `Themes/high-contrast.theme`.
    static let highContrast = #"""
# splitscope theme: high-contrast
# Bright ANSI colours on black, so it looks the same on 16-colour terminals;
# attributes double every status so no meaning rests on hue alone.

background     = black
foreground     = bright-white
muted          = white
border         = bright-white
title          = bright-yellow bold
header         = bright-white bold underline

accent         = bright-magenta bold
device         = bright-cyan
edge           = bright-green
transfer       = bright-blue bold
split          = bright-yellow bold reverse
pin            = bright-magenta bold underline
what_if        = bright-cyan underline

ok             = bright-green bold
warn           = bright-yellow bold
error          = bright-red bold reverse
selection      = default reverse

graph_measured = bright-cyan
graph_estimate = white
graph_latency  = bright-green
graph_slo      = bright-red bold
graph_battery  = bright-yellow

hint_key       = bright-yellow bold reverse
hint_text      = bright-white

"""#

    /// `Themes/mono.theme`.
    static let mono = #"""
# splitscope theme: mono
# No colour at all: meaning is carried by bold, dim, reverse and underline.
# Used for NO_COLOR, monochrome terminals, or by choice.

background     = default
foreground     = default
muted          = default dim
border         = default dim
title          = default bold
header         = default bold underline

accent         = default bold
device         = default
edge           = default underline
transfer       = default dim
split          = default bold underline
pin            = default underline reverse
what_if        = default underline dim

ok             = default
warn           = default bold
error          = default bold reverse
selection      = default reverse

graph_measured = default bold
graph_estimate = default dim
graph_latency  = default
graph_slo      = default bold
graph_battery  = default

hint_key       = default bold reverse
hint_text      = default

"""#
}
