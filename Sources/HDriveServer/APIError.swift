import Hummingbird

/// A request the API refuses, with the status and a message for the caller.
struct APIError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
}
