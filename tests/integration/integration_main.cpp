// The integration suite drives asynchronous Qt clients (QNetworkAccessManager) against the
// simulator, so it needs a QCoreApplication and an event loop before the first test runs.
#include <gtest/gtest.h>

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
