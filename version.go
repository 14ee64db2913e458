package bynet

// Version is the version of this SDK, following semantic versioning.
const Version = "0.1.0"
