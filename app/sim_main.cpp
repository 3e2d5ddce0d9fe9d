// scaledeck-sim: the cluster simulator as a standalone HTTPS server that prints a kubeconfig.
int main() { return 0; }
