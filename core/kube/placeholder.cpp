namespace scaledeck::kube {}
