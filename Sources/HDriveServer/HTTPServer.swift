import Foundation
import HDriveIndex
import HDriveSearch
import Hummingbird
import Logging

/// What the daemon tells `/api/status` about work in progress, beside the catalog's counts.
public protocol DaemonStateProvider: Sendable {
    func daemonState() -> [String: String]
}

/// The HTTP API: search, status, health. Built by the daemon, tested end to end on loopback.
public enum HTTPServer {
    public static func buildApplication(
        configuration: ServerConfiguration, dataDirectory: String, searcher: Searcher,
        state: any DaemonStateProvider, logger: Logger
    ) throws -> some ApplicationProtocol {
        let pool = try BlockingPool(directory: dataDirectory, count: configuration.readers)
        let router = Router()
        router.get("/healthz") { _, _ in
            do {
                _ = try await pool.run { reader in try reader.read { $0.liveDocuments } }
                return JSONResponse.make(["status": "ok"])
            } catch {
                return JSONResponse.make(["status": "unavailable", "error": "\(error)"], status: .serviceUnavailable)
            }
        }
        router.get("/api/search") { request, _ in
            do {
                let searchRequest = try SearchParameters.parse(FormQuery(request.uri.query))
                let response = try await pool.run { reader in try searcher.search(searchRequest, in: reader) }
                return JSONResponse.make(response)
            } catch let error as APIError {
                return JSONResponse.error(error.status, error.message)
            } catch let error as SearchError {
                return JSONResponse.error(.badRequest, error.message)
            } catch {
                logger.error("search failed", metadata: ["search.error": "\(error)"])
                return JSONResponse.error(.internalServerError, "search failed: \(error)")
            }
        }
        router.get("/api/status") { _, _ in
            do {
                let status = try await pool.run { reader in try reader.status() }
                return JSONResponse.make(StatusBody(index: status, daemon: state.daemonState()))
            } catch {
                return JSONResponse.error(.internalServerError, "status unavailable: \(error)")
            }
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "hdrive"),
            logger: logger)
    }
}

struct StatusBody: Encodable {
    var index: IndexStatus
    var daemon: [String: String]
}
