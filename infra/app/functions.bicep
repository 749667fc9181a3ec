// The Flex Consumption plan and the Linux Function App (.NET 10 isolated worker) that serves Langaj.
// Every connection is identity-based: the app settings carry service URIs and the identity's client
// id, never a key, a SAS or a connection string with a secret in it.

@description('Function App name (also its default host name: <name>.azurewebsites.net).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object

@description('azd service name from azure.yaml, so that azd deploy finds this app.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity, for DefaultAzureCredential and the host\'s managed identity connections.')
param identityClientId string

@description('Storage account name.')
param storageAccountName string

@description('Blob container for the deployment package.')
param deploymentContainerName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('NCRONTAB schedule of the scrape timer (six fields, seconds first).')
param scrapeSchedule string

@description('Path of the sources file, relative to the app directory.')
param sourcesPath string

@description('Most instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    siteConfig: {
      // No platform CORS (siteConfig.cors): it would apply to every route, the operator endpoint included,
      // and answer preflights before the app. The app sends CORS itself on its anonymous reads only
      // (Langaj.Core PublicReads, setting Cors:AllowedOrigins), exactly as the local host does.
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments go through Entra-authenticated OneDeploy (azd, func, az); basic publishing credentials stay off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

var publicBaseUrl = 'https://${functionApp.properties.defaultHostName}'

// Set after the site exists so the feeds can name their own public URL (Feeds__PublicBaseUrl).
// "AzureWebJobsStorage" is the host's connection (leases, keys, the scrape queue trigger); "Storage" is
// what Langaj.Core reads (blobs, tables, enqueueing). Both name the same account and the same identity.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    Storage__ClientId: identityClientId
    Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
    Storage__QueueServiceUri: storage.properties.primaryEndpoints.queue
    Storage__TableServiceUri: storage.properties.primaryEndpoints.table
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    ScrapeSchedule: scrapeSchedule
    ScrapeQueueName: 'scrape-requests'
    Feeds__PublicBaseUrl: publicBaseUrl
    Sources__File: sourcesPath
  }
}

output name string = functionApp.name
output url string = publicBaseUrl
