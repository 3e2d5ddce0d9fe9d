namespace scaledeck::ui {}
